/// Time limits for one request attempt; 0 disables a limit.
public struct RequestTimeouts: Sendable, Equatable, Encodable {
    /// Limit for opening a connection (TCP and TLS).
    public var connectMilliseconds: Int
    /// Limit for the wait from the send to the first token of a stream.
    public var firstTokenMilliseconds: Int
    /// Limit for the wait between two reads of a response; for a stream, only once its first
    /// token has arrived (until then `firstTokenMilliseconds` governs).
    public var idleMilliseconds: Int
    /// Limit for a whole attempt, from send to end.
    public var totalMilliseconds: Int

    /// Creates limits.
    public init(
        connectMilliseconds: Int = 10_000,
        firstTokenMilliseconds: Int = 300_000,
        idleMilliseconds: Int = 60_000,
        totalMilliseconds: Int = 0
    ) {
        self.connectMilliseconds = connectMilliseconds
        self.firstTokenMilliseconds = firstTokenMilliseconds
        self.idleMilliseconds = idleMilliseconds
        self.totalMilliseconds = totalMilliseconds
    }
}

extension RequestTimeouts {
    /// The `timeouts:` keys, as the summary writes them.
    enum CodingKeys: String, CodingKey {
        case connectMilliseconds = "connect_ms"
        case firstTokenMilliseconds = "first_token_ms"
        case idleMilliseconds = "idle_ms"
        case totalMilliseconds = "total_ms"
    }
}
