/// The kinds of fault ``FaultInjection`` can inject; the raw value is the name recorded in
/// ``RequestTruth/fault``. Cases are in the order in which a draw selects them.
public enum InjectedFault: String, Sendable, Codable, CaseIterable {
    /// HTTP 500 with an OpenAI-style error body.
    case http500
    /// HTTP 503 with an OpenAI-style error body.
    case http503
    /// HTTP 429 with `Retry-After`.
    case http429
    /// Connection reset before any response byte.
    case resetBeforeHeaders
    /// Connection closed after ``FaultInjection/closeAfterTokens`` tokens.
    case closeMidStream
    /// One `data: {not json` event after the first token event.
    case malformedChunk
    /// An error event after the first token event, then `[DONE]`.
    case errorEvent
    /// A pause of ``FaultInjection/stallMilliseconds`` after the first token.
    case stall
    /// The response head delayed by ``FaultInjection/slowHeadersMilliseconds``.
    case slowHeaders

    /// Whether the fault makes the request fail (as opposed to merely slowing or garbling it).
    public var failsRequest: Bool {
        switch self {
        case .http500, .http503, .http429, .resetBeforeHeaders, .closeMidStream, .errorEvent: true
        case .malformedChunk, .stall, .slowHeaders: false
        }
    }
}
