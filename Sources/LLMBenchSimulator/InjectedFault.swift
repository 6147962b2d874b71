/// The kinds of fault ``FaultInjection`` can inject. The raw value is the fault's one name: the
/// CLI's `--fault NAME=P`, the key of ``FaultInjection/probabilities`` in messages and
/// ``RequestTruth/fault`` in the truth log. Cases are in the order in which a draw selects them.
public enum InjectedFault: String, Sendable, Codable, CaseIterable {
    /// HTTP 500 with an OpenAI-style error body.
    case http500
    /// HTTP 503 with an OpenAI-style error body.
    case http503
    /// HTTP 429 with `Retry-After: ` ``FaultInjection/retryAfterSeconds``.
    case http429
    /// Connection reset (RST) before any response byte.
    case resetBeforeHeaders = "reset_before_headers"
    /// Connection closed once ``FaultInjection/closeAfterTokens`` tokens were sent (0: right after
    /// the head), without finishing the stream. A non-streaming request gets no response.
    case closeMidStream = "close_mid_stream"
    /// One `data: {not json` event after the first token event, then the stream goes on.
    /// A non-streaming request gets `{not json` as its body.
    case malformedChunk = "malformed_chunk"
    /// After the first token event
    /// `data: {"error":{"message":"simulated failure","type":"server_error","code":500}}`, then
    /// `data: [DONE]` and the end of the stream. A non-streaming request gets that error with HTTP 500.
    case errorEvent = "error_event"
    /// A pause of ``FaultInjection/stallMilliseconds`` once, after the first token.
    case stall
    /// The response head (and the start of generation) delayed by
    /// ``FaultInjection/slowHeadersMilliseconds``.
    case slowHeaders = "slow_headers"

    /// Whether the fault makes the request fail (as opposed to merely slowing or garbling it).
    var failsRequest: Bool {
        switch self {
        case .http500, .http503, .http429, .resetBeforeHeaders, .closeMidStream, .errorEvent: true
        case .malformedChunk, .stall, .slowHeaders: false
        }
    }
}
