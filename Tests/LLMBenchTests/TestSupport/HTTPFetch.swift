import NIOCore
import NIOHTTP1
import NIOPosix

/// One HTTP answer as a test reads it.
struct HTTPReply: Sendable {
    var status: Int
    var contentType: String?
    var body: String
}

/// Sends one `method path` request over a new connection to `host:port` and reads the answer; the
/// future fails when the connection is refused or closes before the answer ends. `.get()` awaits it,
/// `.wait()` blocks for it (from an observer, which cannot await).
func fetch(
    port: Int,
    host: String = "127.0.0.1",
    path: String = "/metrics",
    method: HTTPMethod = .GET
) -> EventLoopFuture<HTTPReply> {
    let group = MultiThreadedEventLoopGroup.singleton
    let promise = group.next().makePromise(of: HTTPReply.self)
    ClientBootstrap(group: group)
        .channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHTTPClientHandlers()
                try channel.pipeline.syncOperations.addHandler(ReplyCollector(promise: promise))
            }
        }
        .connect(host: host, port: port)
        .whenComplete { result in
            switch result {
            case .success(let channel):
                var headers = HTTPHeaders([("Host", host), ("Connection", "close")])
                if method == .POST { headers.add(name: "Content-Length", value: "0") }
                let head = HTTPRequestHead(version: .http1_1, method: method, uri: path, headers: headers)
                channel.write(HTTPClientRequestPart.head(head), promise: nil)
                channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
            case .failure(let error):
                promise.fail(error)
            }
        }
    return promise.futureResult
}

/// Collects the response parts into an `HTTPReply`.
private final class ReplyCollector: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart

    private let promise: EventLoopPromise<HTTPReply>
    private var reply = HTTPReply(status: 0, body: "")

    init(promise: EventLoopPromise<HTTPReply>) {
        self.promise = promise
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            reply.status = Int(head.status.code)
            reply.contentType = head.headers.first(name: "Content-Type")
        case .body(let buffer):
            reply.body += String(buffer: buffer)
        case .end:
            promise.succeed(reply)
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(ChannelError.eof)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.close(promise: nil)
    }
}
