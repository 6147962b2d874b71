import NIOCore

/// The time limits of one exchange and when they run out, in `MonotonicClock` nanoseconds: a pure
/// value the timed handler asks, given where the exchange stands, when to check next and which
/// limit ran out.
///
/// This is where the handler's timeouts are decided; the handler only keeps one timer set for
/// `wakeUp` and fails the exchange with what `expired` names.
struct ExchangeLimits: Sendable, Equatable {
    /// Where an exchange stands.
    struct Progress: Sendable, Equatable {
        /// When the request was sent.
        var sent: UInt64
        /// When bytes last came off the connection's socket (possibly for an earlier exchange).
        var lastRead: UInt64
        /// Token events received so far.
        var tokenEvents: Int
    }

    /// A limit that can run out.
    enum Limit: Sendable, Equatable {
        /// The whole exchange took too long (`timeouts.total_ms`).
        case total
        /// No token arrived in time after the send (`timeouts.first_token_ms`).
        case firstToken
        /// No bytes arrived for too long (`timeouts.idle_ms`).
        case idle
    }

    /// Nanoseconds without bytes that fail the exchange (for a stream, once its first token arrived).
    var idle: UInt64?
    /// Nanoseconds after the send within which the first token must arrive.
    var firstToken: UInt64?
    /// Nanoseconds after the send within which the exchange must end.
    var total: UInt64?
    /// Whether the answer is timed as a stream.
    var isStreaming: Bool

    /// Limits in nanoseconds (nil: no limit).
    init(idle: UInt64? = nil, firstToken: UInt64? = nil, total: UInt64? = nil, isStreaming: Bool) {
        self.idle = idle
        self.firstToken = firstToken
        self.total = total
        self.isStreaming = isStreaming
    }

    /// The limits of `exchange`.
    init(_ exchange: PendingExchange) {
        self.init(
            idle: exchange.idleTimeout.map { UInt64($0.nanoseconds) },
            firstToken: exchange.firstTokenTimeout.map { UInt64($0.nanoseconds) },
            total: exchange.totalTimeout.map { UInt64($0.nanoseconds) },
            isStreaming: exchange.isStreaming
        )
    }

    /// The next moment a limit could run out: the total limit after the send, the first-token
    /// limit after the send while no token has arrived, or the idle limit after the last read
    /// (for a stream, once its first token has arrived); nil without limits.
    func deadline(_ progress: Progress) -> UInt64? {
        let (sent, lastRead, tokenEvents) = (progress.sent, progress.lastRead, progress.tokenEvents)
        var deadline: UInt64?
        func consider(_ due: UInt64) { deadline = min(deadline ?? due, due) }
        if let total { consider(sent &+ total) }
        // A stream waits for its first token under the first-token limit alone: a queueing server
        // may send even its response head only when it starts the request.
        if let idle, !isStreaming || tokenEvents > 0 {
            // The last bytes off the socket, or the send when none came since.
            consider(max(sent, lastRead) &+ idle)
        }
        if let firstToken, tokenEvents == 0 { consider(sent &+ firstToken) }
        return deadline
    }

    /// When to check the limits next at `now`: the next deadline, and while a stream waits for
    /// its first token, at least every idle period, so that the idle limit, which starts with the
    /// first token, is never checked late.
    func wakeUp(_ progress: Progress, now: UInt64) -> UInt64? {
        let limit = deadline(progress)
        guard isStreaming, progress.tokenEvents == 0, let idle else { return limit }
        var poll = max(progress.sent, progress.lastRead) &+ idle
        if poll <= now { poll = now &+ idle }
        return min(limit ?? poll, poll)
    }

    /// The limit that has run out at `now`, the total limit first; nil while none has.
    func expired(_ progress: Progress, now: UInt64) -> Limit? {
        guard let due = deadline(progress), due <= now else { return nil }
        if let total, progress.sent &+ total <= now { return .total }
        if let firstToken, progress.tokenEvents == 0, progress.sent &+ firstToken <= now { return .firstToken }
        return .idle
    }
}
