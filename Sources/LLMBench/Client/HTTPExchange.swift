import NIOCore
import NIOHTTP1

/// The answer to one request.
struct HTTPExchange: Sendable {
    /// The HTTP status code.
    var status: Int
    /// The response headers.
    var headers: HTTPHeaders
    /// The body of a non-streamed or non-200 answer (empty for a timed stream).
    var body: ByteBuffer
    /// The timing of a streamed 200 answer.
    var timeline: StreamTimeline?
}
