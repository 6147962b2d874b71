/// Counters of a running ``SimulatedServer``; on the wire (`GET /sim/stats`) keys are snake_case.
public struct SimulatorStats: Sendable, Codable, Equatable {
    /// HTTP requests received on any path.
    public var requestsReceived: Int = 0
    /// Valid `/v1/completions` and `/v1/chat/completions` requests received.
    public var generationRequests: Int = 0
    /// Generation requests answered in full.
    public var completed: Int = 0
    /// Generation requests that got any injected fault.
    public var faultsInjected: Int = 0
    /// Generation requests that failed because of an injected fault (HTTP error, reset, close, error event).
    public var failedByFault: Int = 0
    /// Generation requests abandoned by the client before their end.
    public var clientDisconnects: Int = 0
    /// Requests answered with a 4xx status (bad JSON, unknown path, bad key, …).
    public var rejected: Int = 0
    /// Sequences being generated now.
    public var active: Int = 0
    /// Requests waiting for a sequence slot now.
    public var queued: Int = 0
    /// The most sequences generated at once so far.
    public var maxActive: Int = 0
    /// The longest queue so far.
    public var maxQueued: Int = 0
    /// Tokens sent in all responses.
    public var tokensGenerated: Int = 0
    /// The largest lateness of any event so far, in nanoseconds (see ``RequestTruth/lateness``).
    public var maxLatenessNanoseconds: UInt64 = 0

    /// Creates zeroed counters.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case requestsReceived = "requests_received"
        case generationRequests = "generation_requests"
        case completed
        case faultsInjected = "faults_injected"
        case failedByFault = "failed_by_fault"
        case clientDisconnects = "client_disconnects"
        case rejected
        case active
        case queued
        case maxActive = "max_active"
        case maxQueued = "max_queued"
        case tokensGenerated = "tokens_generated"
        case maxLatenessNanoseconds = "max_lateness_nanoseconds"
    }
}
