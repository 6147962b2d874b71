import NIOCore
import NIOHTTP1
import NIOPosix

/// One request for ``TestHTTPClient``.
struct TestRequest: Sendable {
    var method: HTTPMethod = .GET
    var path: String
    var headers: [(String, String)] = []
    var body: String?
    /// Close the connection after this many response body parts (0: right after the head).
    var closeAfterBodyParts: Int?
}

extension TestRequest {
    /// A streamed `/v1/completions` request of `maxTokens` tokens, sent without a content type.
    static func completion(maxTokens: Int, requestID: String? = nil, closeAfterBodyParts: Int? = nil) -> TestRequest {
        TestRequest(
            method: .POST,
            path: "/v1/completions",
            headers: requestID.map { [("x-request-id", $0)] } ?? [],
            body: RequestBodies.completion(maxTokens: maxTokens),
            closeAfterBodyParts: closeAfterBodyParts
        )
    }
}

/// What came back: possibly only part of a response when the connection closed early.
struct TestResponse: Sendable {
    var status: HTTPResponseStatus?
    var headers = HTTPHeaders()
    var body = ""
    var bodyParts = 0
    /// Whether the response's end arrived.
    var isComplete = false
    /// The connection error seen, if any (e.g. a reset).
    var error: String?
}

/// A tiny HTTP/1.1 client on raw NIO for talking to the simulator in tests: one keep-alive connection,
/// requests answered in order.
final class TestHTTPClient: Sendable {
    let channel: any Channel

    private init(channel: any Channel) {
        self.channel = channel
    }

    static func connect(port: Int) async throws -> TestHTTPClient {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(TestClientHandler())
                }
            }
            .connect(host: "127.0.0.1", port: port)
            .get()
        return TestHTTPClient(channel: channel)
    }

    /// Sends a request and returns its response; `head` succeeds when the response head arrives,
    /// `firstBodyPart` when the first body bytes do (both also when the response ends without them).
    func send(
        _ request: TestRequest,
        head: EventLoopPromise<Void>? = nil,
        firstBodyPart: EventLoopPromise<Void>? = nil
    ) async throws -> TestResponse {
        let promise = channel.eventLoop.makePromise(of: TestResponse.self)
        let pending = TestClientHandler.Pending(
            request: request,
            promise: promise,
            head: head,
            firstBodyPart: firstBodyPart
        )
        channel.writeAndFlush(pending).cascadeFailure(to: promise)
        return try await promise.futureResult.get()
    }

    func close() async {
        try? await channel.close()
    }

    /// Opens a connection, sends one request and closes.
    static func send(
        port: Int,
        _ request: TestRequest,
        head: EventLoopPromise<Void>? = nil,
        firstBodyPart: EventLoopPromise<Void>? = nil
    ) async throws -> TestResponse {
        let client = try await connect(port: port)
        do {
            let response = try await client.send(request, head: head, firstBodyPart: firstBodyPart)
            await client.close()
            return response
        } catch {
            await client.close()
            throw error
        }
    }

    /// `POST path` with a JSON body on a new connection.
    static func post(
        port: Int,
        _ path: String,
        json: String,
        headers: [(String, String)] = []
    ) async throws -> TestResponse {
        try await send(
            port: port,
            TestRequest(
                method: .POST,
                path: path,
                headers: [("content-type", "application/json")] + headers,
                body: json
            )
        )
    }

    /// `GET path` on a new connection.
    static func get(port: Int, _ path: String, headers: [(String, String)] = []) async throws -> TestResponse {
        try await send(port: port, TestRequest(method: .GET, path: path, headers: headers))
    }
}

private final class TestClientHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = Pending
    typealias OutboundOut = HTTPClientRequestPart

    struct Pending: Sendable {
        var request: TestRequest
        var promise: EventLoopPromise<TestResponse>
        var head: EventLoopPromise<Void>?
        var firstBodyPart: EventLoopPromise<Void>?
    }

    private var queue: [(pending: Pending, response: TestResponse)] = []

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let pending = unwrapOutboundIn(data)
        queue.append((pending, TestResponse()))
        let request = pending.request
        var headers = HTTPHeaders(request.headers)
        headers.replaceOrAdd(name: "host", value: "127.0.0.1")
        var body: ByteBuffer?
        if let text = request.body {
            body = context.channel.allocator.buffer(string: text)
            headers.replaceOrAdd(name: "content-length", value: "\(text.utf8.count)")
        }
        let head = HTTPRequestHead(version: .http1_1, method: request.method, uri: request.path, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if let body { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        context.write(wrapOutboundOut(.end(nil)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !queue.isEmpty else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            queue[0].response.status = head.status
            queue[0].response.headers = head.headers
            queue[0].pending.head?.succeed()
            if queue[0].pending.request.closeAfterBodyParts == 0 {
                finishCurrent(isComplete: false)
                context.close(promise: nil)
            }
        case .body(let buffer):
            queue[0].response.body += String(buffer: buffer)
            queue[0].response.bodyParts += 1
            signalFirstBodyPart()
            if let limit = queue[0].pending.request.closeAfterBodyParts, queue[0].response.bodyParts >= limit {
                finishCurrent(isComplete: false)
                context.close(promise: nil)
            }
        case .end:
            finishCurrent(isComplete: true)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        while !queue.isEmpty { finishCurrent(isComplete: false) }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !queue.isEmpty { queue[0].response.error = "\(error)" }
        context.close(promise: nil)
    }

    private func signalFirstBodyPart() {
        queue[0].pending.firstBodyPart?.succeed()
        queue[0].pending.firstBodyPart = nil
    }

    private func finishCurrent(isComplete: Bool) {
        signalFirstBodyPart()
        let (pending, response) = queue.removeFirst()
        pending.head?.succeed()
        var finished = response
        finished.isComplete = isComplete
        pending.promise.succeed(finished)
    }
}
