/// Everything measured about one benchmark request, kept for the raw per-request file and the
/// case statistics. Durations are nanoseconds on the monotonic clock.
public struct RequestRecord: Sendable, Equatable {
    /// 0-based index of the case in the config.
    public var caseIndex: Int
    /// 0-based load point of the case (a sweep's step; 0 otherwise).
    public var step: Int
    /// 1-based run number within the case.
    public var run: Int
    /// 0-based index of the request within its run.
    public var index: Int
    /// The `X-Request-Id` sent with the last attempt.
    public var requestID: String
    /// The session and turn of a multi-turn request; nil for a single request.
    public var sessionPosition: SessionPosition?
    /// For a session's failed turn: the later turns of the session, which are not sent.
    public var turnsNotSent = 0
    /// The prompt length asked for.
    public var requestedInputTokens: Int
    /// The output length asked for (`max_tokens`).
    public var requestedOutputTokens: Int
    /// Send time of the last attempt on the monotonic clock (CLOCK_MONOTONIC nanoseconds; for a
    /// failed attempt, when it began), for comparison with a server's own timestamps on the same
    /// machine and as one time axis across the cases of a run.
    public var sendClockNanoseconds: UInt64
    /// When the load model meant the request to start, from the case's start (rate mode).
    var scheduledOffsetNanoseconds: UInt64?
    /// A warm-up request: written to the raw file but left out of the statistics.
    var isWarmup: Bool
    /// When the first attempt started, from the case's start.
    public var startOffsetNanoseconds: UInt64
    /// Send time of the last attempt, from the case's start (for a failed attempt, when it began).
    public var sendOffsetNanoseconds: UInt64
    /// When the last attempt ended (last byte or failure), from the case's start.
    public var endOffsetNanoseconds: UInt64
    /// Time to first token of the last attempt.
    public var timeToFirstTokenNanoseconds: UInt64?
    /// Time to the first answer token, reasoning aside (equal to TTFT without reasoning).
    var timeToFirstContentTokenNanoseconds: UInt64?
    /// Send to `[DONE]` (or end of stream) of the last attempt.
    public var endToEndNanoseconds: UInt64?
    /// Every gap between consecutive token-carrying events.
    public var interTokenNanoseconds: DurationList
    /// The same gaps per token, where the server said how many tokens each event carried
    /// (`continuous_usage_stats`): an event with k tokens after a gap g gives k gaps of g / k.
    var interTokenPerTokenNanoseconds = DurationList()
    /// Per token-carrying event (the first included), user-space read time − kernel receive time
    /// of its read: the client's own lag. Empty with user stamps.
    public var clientLagNanoseconds = DurationList()
    /// The clock of the arrival times: `.kernel` once any token event had a kernel stamp.
    public var timestampSource: TimestampSource { clientLagNanoseconds.isEmpty ? .user : .kernel }
    /// First token event to last token event.
    public var decodeNanoseconds: UInt64?
    /// Output tokens as the server's `usage` reported them.
    public var outputTokensReported: Int?
    /// Token-carrying events counted by the client.
    public var tokenEvents: Int
    /// Token events that came in the same burst of socket reads as the one before them (their gap unmeasured).
    var eventsReadTogether = 0
    /// Events that carried reasoning text.
    var reasoningEvents: Int
    /// Prompt tokens as the server's `usage` reported them.
    public var inputTokensReported: Int?
    /// The server's cached prompt tokens and own timings of the request, when it sent any.
    var serverReport: ServerReport?
    /// The finish reason the server gave.
    public var finishReason: String?
    /// Whether the stream ended with `data: [DONE]`.
    public var sawDoneMarker: Bool
    /// Whether all its token events (two or more) arrived in one burst of reads, as from a
    /// buffering proxy: its TTFT is about its E2E and its TPOT and ITL say nothing of the server.
    var isBufferedStream = false
    /// Attempts made, the successful one included.
    public var attempts: Int
    /// From the first attempt's start to the end of the last, retries and backoff included.
    public var totalNanoseconds: UInt64
    /// Time spent opening a connection for the last attempt, when one was opened.
    var connectNanoseconds: UInt64?
    /// Why the request failed; nil when it succeeded.
    public var failure: RequestFailure?

    /// Real start − scheduled start: how far the request started behind the load model's
    /// schedule; nil without a schedule.
    var scheduleLagNanoseconds: UInt64? {
        scheduledOffsetNanoseconds.map { startOffsetNanoseconds &- min($0, startOffsetNanoseconds) }
    }

    /// First token arrival − scheduled start: TTFT including any wait behind the load model's
    /// schedule (coordinated omission corrected, as wrk2 does); nil without a schedule.
    var intendedTimeToFirstTokenNanoseconds: UInt64? {
        guard let scheduled = scheduledOffsetNanoseconds, let ttft = timeToFirstTokenNanoseconds else { return nil }
        return sendOffsetNanoseconds &+ ttft &- min(scheduled, sendOffsetNanoseconds &+ ttft)
    }

    /// End − scheduled start; nil without a schedule.
    var intendedEndToEndNanoseconds: UInt64? {
        guard let scheduled = scheduledOffsetNanoseconds, endToEndNanoseconds != nil else { return nil }
        return endOffsetNanoseconds &- min(scheduled, endOffsetNanoseconds)
    }

    /// Whether the request succeeded.
    var isSuccess: Bool { failure == nil }

    /// The clock of its arrival times; nil when no token event arrived, so none was read.
    var streamTimestampSource: TimestampSource? { tokenEvents > 0 ? timestampSource : nil }

    /// Output tokens: the server's count when given, else the events counted.
    public var outputTokens: Int { outputTokensReported ?? tokenEvents }

    /// (last token − first token) / (output tokens − 1); nil with fewer than 2 tokens.
    var timePerOutputTokenNanoseconds: Double? {
        guard let decodeNanoseconds, outputTokens >= 2 else { return nil }
        return Double(decodeNanoseconds) / Double(outputTokens - 1)
    }

    /// `usage.prompt_tokens_details.cached_tokens`: prompt tokens the server reported taking from its cache.
    var cachedPromptTokens: Int? { serverReport?.cachedPromptTokens }

    /// The server's prompt processing time (`timings.prompt_ms`) in nanoseconds.
    var serverPromptNanoseconds: Double? { serverReport?.timings.promptMilliseconds.map { $0 * 1e6 } }

    /// The server's time per output token from its `timings`, in nanoseconds.
    var serverTimePerOutputTokenNanoseconds: Double? { serverReport?.timings.timePerOutputTokenNanoseconds }

    /// Creates a record of a request that has not been measured yet.
    public init(
        caseIndex: Int,
        step: Int = 0,
        run: Int,
        index: Int,
        requestID: String,
        requestedInputTokens: Int,
        requestedOutputTokens: Int
    ) {
        self.caseIndex = caseIndex
        self.step = step
        self.run = run
        self.index = index
        self.requestID = requestID
        self.requestedInputTokens = requestedInputTokens
        self.requestedOutputTokens = requestedOutputTokens
        self.sendClockNanoseconds = 0
        self.isWarmup = false
        self.startOffsetNanoseconds = 0
        self.sendOffsetNanoseconds = 0
        self.endOffsetNanoseconds = 0
        self.interTokenNanoseconds = []
        self.tokenEvents = 0
        self.reasoningEvents = 0
        self.sawDoneMarker = false
        self.attempts = 0
        self.totalNanoseconds = 0
    }
}
