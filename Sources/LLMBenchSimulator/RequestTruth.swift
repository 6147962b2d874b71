/// What the simulated server really did for one generation request, for checking a client's
/// measurements against it.
///
/// All `…Nanoseconds` values are `CLOCK_MONOTONIC` readings (`NIODeadline.now().uptimeNanoseconds`,
/// the clock of `DispatchTime.now().uptimeNanoseconds` on Linux), comparable with timestamps taken by a
/// client in any process on the same machine. On the wire (`GET /sim/truth`) keys are snake_case.
public struct RequestTruth: Sendable, Codable, Equatable {
    /// The request's `X-Request-Id` header if present, else the generated response id (`cmpl-N`, `chatcmpl-N`).
    public var requestID: String
    /// `/v1/completions` or `/v1/chat/completions`.
    public var path: String
    /// Prompt tokens by ``SimulatedTokenizer`` (the sum over chat message contents).
    public var promptTokens: Int
    /// The `max_tokens` the request asked for (16 when absent).
    public var maxTokens: Int
    /// Prompt tokens served from the prefix cache at admission (`usage.prompt_tokens_details.cached_tokens`);
    /// 0 before admission, for a request that never ran, or with the cache off.
    public var cachedTokens = 0
    /// The session of a multi-turn request (0-based), from its llm-bench request id; nil otherwise.
    public var session: Int?
    /// The stored response a Responses API request continued (`previous_response_id`), if any.
    public var previousResponseID: String?
    /// The turn of a multi-turn request (1-based), from its llm-bench request id; nil otherwise.
    public var turn: Int?
    /// When the request's head and body were complete.
    public var receivedNanoseconds: UInt64
    /// When each token-carrying SSE event was written, taken immediately before the write.
    /// For a non-streaming request: one entry, when the response was written.
    public var eventNanoseconds: [UInt64]
    /// Tokens in each event of ``eventNanoseconds``.
    public var tokensPerEvent: [Int]
    /// Tokens sent (for a request cut short: the tokens sent before the cut).
    public var completionTokens: Int
    /// The name of the injected fault (``InjectedFault/rawValue``), if any.
    public var fault: String?
    /// The largest delay, in nanoseconds, between an event's scheduled time and its write.
    public var lateness: UInt64
    /// Whether the request asked for a stream.
    public var isStreaming: Bool
    /// How the request ended: `length`, `stop`, `fault`, `disconnected`, or `nil` while it runs.
    public var outcome: String?
    /// When the request got its sequence slot (left the queue); `nil` if it never did.
    public var admittedNanoseconds: UInt64?
    /// When the first token was generated: the first event's timestamp when streaming, the moment
    /// its event would have been written otherwise.
    public var firstTokenNanoseconds: UInt64?
    /// When the last token so far was generated (as ``firstTokenNanoseconds``).
    public var lastTokenNanoseconds: UInt64?
    /// When the request ended: its last token's time when it completed, else when it failed or
    /// the client went away.
    public var endedNanoseconds: UInt64?

    /// Creates a record.
    public init(
        requestID: String,
        path: String,
        promptTokens: Int,
        maxTokens: Int,
        receivedNanoseconds: UInt64,
        eventNanoseconds: [UInt64] = [],
        tokensPerEvent: [Int] = [],
        completionTokens: Int = 0,
        fault: String? = nil,
        lateness: UInt64 = 0,
        isStreaming: Bool = true,
        outcome: String? = nil
    ) {
        self.requestID = requestID
        self.path = path
        self.promptTokens = promptTokens
        self.maxTokens = maxTokens
        self.receivedNanoseconds = receivedNanoseconds
        self.eventNanoseconds = eventNanoseconds
        self.tokensPerEvent = tokensPerEvent
        self.completionTokens = completionTokens
        self.fault = fault
        self.lateness = lateness
        self.isStreaming = isStreaming
        self.outcome = outcome
    }

    enum CodingKeys: String, CodingKey {
        case requestID = "request_id"
        case path
        case promptTokens = "prompt_tokens"
        case maxTokens = "max_tokens"
        case cachedTokens = "cached_tokens"
        case session, turn
        case previousResponseID = "previous_response_id"
        case receivedNanoseconds = "received_nanoseconds"
        case eventNanoseconds = "event_nanoseconds"
        case tokensPerEvent = "tokens_per_event"
        case completionTokens = "completion_tokens"
        case fault
        case lateness = "lateness_nanoseconds"
        case isStreaming = "is_streaming"
        case outcome
        case admittedNanoseconds = "admitted_nanoseconds"
        case firstTokenNanoseconds = "first_token_nanoseconds"
        case lastTokenNanoseconds = "last_token_nanoseconds"
        case endedNanoseconds = "ended_nanoseconds"
    }
}
