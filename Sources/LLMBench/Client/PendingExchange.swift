import NIOCore
import NIOHTTP1

/// One request to send on a connection, with the promise its answer fulfils.
struct PendingExchange: Sendable {
    /// The request head; `Host`, `Content-Length` and the rest are already set.
    var head: HTTPRequestHead
    /// The request body.
    var body: ByteBuffer
    /// Parse a 200 answer as an SSE stream and time it, rather than collect its body.
    var isStreaming: Bool
    /// Fail if nothing arrives for this long (nil: no limit).
    var idleTimeout: TimeAmount?
    /// Fail if no token has arrived this long after the send (nil: no limit).
    var firstTokenTimeout: TimeAmount?
    /// Fail if the whole exchange takes longer (nil: no limit).
    var totalTimeout: TimeAmount?
    /// Token events expected (`max_tokens`), to size the timeline once.
    var expectedTokenEvents: Int = 0
    /// Read the stream as Responses API events (`response.output_text.delta`, …).
    var readsResponseEvents = false
    /// Keep the answer's text (`StreamTimeline.answer`), for the next turn of a session.
    var collectsAnswer = false
    /// The largest body or SSE event accepted.
    var maxBodyBytes: Int
    /// Completed with the answer, or failed with a `RequestFailure`.
    var promise: EventLoopPromise<HTTPExchange>
}
