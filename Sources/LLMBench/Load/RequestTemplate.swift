import NIOCore

/// A request ready to send: its body and the lengths it asks for.
struct RequestTemplate: Sendable {
    /// The JSON body.
    var body: ByteBuffer
    /// The prompt's length in the server's tokens, as asked.
    var inputTokens: Int
    /// `max_tokens`.
    var outputTokens: Int
}
