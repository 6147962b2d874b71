import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

@testable import LLMBench

/// One timed handler in an `EmbeddedChannel`: time is the loop's virtual time, which the handler
/// reads for the send and its checks, and every read's arrival stamp is set to it, as
/// `ArrivalTimestampHandler` does on a socket.
final class TimedChannel {
    static let ms: UInt64 = 1_000_000
    /// When the first exchange is sent: not 0, which the stamp means as "nothing read yet".
    static let start: UInt64 = 1_000 * ms

    let loop = EmbeddedEventLoop()
    let stamp = ArrivalStamp()
    let channel: EmbeddedChannel

    init(isTLS: Bool = false) throws {
        channel = EmbeddedChannel(handler: StreamingResponseHandler(stamp: stamp, isTLS: isTLS), loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8000)).wait()
        loop.advanceTime(to: .uptimeNanoseconds(Self.start))
    }

    /// Milliseconds since `start`.
    var elapsed: UInt64 { (loop.now.uptimeNanoseconds - Self.start) / Self.ms }

    /// Moves time to `milliseconds` after `start`, running the timers due by then.
    func advance(to milliseconds: UInt64) {
        loop.advanceTime(to: .uptimeNanoseconds(Self.start + milliseconds * Self.ms))
    }

    /// Sends a request now with these limits (in milliseconds).
    func send(
        isStreaming: Bool = true,
        idle: Int64? = nil,
        firstToken: Int64? = nil,
        total: Int64? = nil,
        maxBodyBytes: Int = 1_024,
        collectsAnswer: Bool = false
    ) -> ExchangeOutcome {
        let outcome = ExchangeOutcome()
        let promise = loop.makePromise(of: HTTPExchange.self)
        promise.futureResult.assumeIsolated().whenComplete { outcome.result = $0 }
        let exchange = PendingExchange(
            head: HTTPRequestHead(version: .http1_1, method: .POST, uri: "/v1/completions"),
            body: ByteBuffer(string: "{}"),
            isStreaming: isStreaming,
            idleTimeout: idle.map { .milliseconds($0) },
            firstTokenTimeout: firstToken.map { .milliseconds($0) },
            totalTimeout: total.map { .milliseconds($0) },
            collectsAnswer: collectsAnswer,
            maxBodyBytes: maxBodyBytes,
            promise: promise
        )
        channel.writeAndFlush(exchange, promise: nil)
        return outcome
    }

    /// `part` arrives `milliseconds` after `start`, in a socket read of its own; the loop then
    /// runs, as after an I/O round.
    func receive(_ part: HTTPClientResponsePart, at milliseconds: UInt64) throws {
        try receive([part], inOneReadAt: milliseconds)
    }

    /// `parts` arrive `milliseconds` after `start`, decoded from one socket read that emptied the
    /// socket, or filled its buffer (more bytes were waiting).
    func receive(
        _ parts: [HTTPClientResponsePart],
        inOneReadAt milliseconds: UInt64,
        fillingTheBuffer: Bool = false
    ) throws {
        advance(to: milliseconds)
        stamp.noteRead(at: loop.now.uptimeNanoseconds, kernel: nil, emptiedSocket: !fillingTheBuffer)
        for part in parts { try channel.writeInbound(part) }
        loop.run()
    }

    func head(_ status: HTTPResponseStatus = .ok, contentType: String = "text/event-stream") -> HTTPClientResponsePart {
        .head(HTTPResponseHead(version: .http1_1, status: status, headers: ["Content-Type": contentType]))
    }

    func bytes(_ text: String) -> HTTPClientResponsePart { .body(ByteBuffer(string: text)) }

    /// An SSE event carrying one token of answer text.
    func token() -> HTTPClientResponsePart { bytes(#"data: {"choices":[{"delta":{"content":"hi"}}]}"# + "\n\n") }

    /// The server closes the connection.
    func close() {
        channel.close(promise: nil)
        loop.run()
    }

    /// The connection raises `error`, as a socket or a decoder does.
    func raise(_ error: any Error) {
        channel.pipeline.fireErrorCaught(error)
        loop.run()
    }

    /// A whole streamed answer, ending the exchange well.
    func answer(at milliseconds: UInt64) throws {
        try receive(head(), at: milliseconds)
        try receive(token(), at: milliseconds)
        try receive(bytes("data: [DONE]\n\n"), at: milliseconds)
        try receive(.end(nil), at: milliseconds)
    }

    deinit {
        _ = try? channel.finish(acceptAlreadyClosed: true)
        try? loop.syncShutdownGracefully()
    }
}

/// What an exchange came to, once it did.
final class ExchangeOutcome {
    var result: Result<HTTPExchange, any Error>?
    var isPending: Bool { result == nil }
    var answer: HTTPExchange? { try? result?.get() }
    var failure: RequestFailure? {
        guard case .failure(let error) = result else { return nil }
        return error as? RequestFailure
    }
}
