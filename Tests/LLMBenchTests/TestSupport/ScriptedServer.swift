import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// One thing a scripted server does while answering a request.
enum ScriptStep: Sendable {
    /// Writes these bytes as they are.
    case send(String)
    /// Waits this long before the next step (a slow server, not a synchronisation).
    case wait(TimeAmount)
    /// Closes the connection.
    case close
    /// Closes the connection with a TCP reset.
    case reset
}

/// A loopback server on 127.0.0.1 that answers every HTTP request with scripted raw bytes, for the
/// answers of foreign servers that the simulator never gives (redirects, compressed bodies, resets).
final class ScriptedServer: Sendable {
    /// The port it listens on.
    let port: Int
    private let heads = Mutex<[String]>([])
    private let accepted = Mutex(0)

    /// Connections accepted so far.
    var connections: Int { accepted.withLock { $0 } }

    fileprivate func connected() { accepted.withLock { $0 += 1 } }

    fileprivate init(port: Int) {
        self.port = port
    }

    /// `http://127.0.0.1:port` followed by `path`.
    func url(_ path: String = "/v1") -> String { "http://127.0.0.1:\(port)\(path)" }

    /// The request line and headers of every request received, in order.
    var requestHeads: [String] { heads.withLock { $0 } }

    fileprivate func received(_ head: String) {
        heads.withLock { $0.append(head) }
    }
}

/// Runs `body` with a server that answers each request (its head as text) with `script`'s steps,
/// keeping the connection open for the next request unless a step closes it; shut down on every path.
func withScriptedServer<T>(
    _ script: @escaping @Sendable (_ requestHead: String) -> [ScriptStep],
    _ body: (ScriptedServer) async throws -> T
) async throws -> T {
    let box = Mutex<ScriptedServer?>(nil)
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
        .childChannelInitializer { child in
            child.eventLoop.makeCompletedFuture {
                guard let server = box.withLock({ $0 }) else { return }
                server.connected()
                try child.pipeline.syncOperations.addHandler(ScriptedHandler(server: server, script: script))
            }
        }
        .bind(host: "127.0.0.1", port: 0)
        .get()
    let server = ScriptedServer(port: channel.localAddress?.port ?? 0)
    box.withLock { $0 = server }
    let result: Result<T, any Error>
    do {
        result = .success(try await body(server))
    } catch {
        result = .failure(error)
    }
    try? await channel.close()
    return try result.get()
}

/// Reads one request at a time (head and `Content-Length` body), then plays its script.
private final class ScriptedHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let server: ScriptedServer
    private let script: @Sendable (String) -> [ScriptStep]
    private var received: [UInt8] = []
    private var isAnswering = false

    init(server: ScriptedServer, script: @escaping @Sendable (String) -> [ScriptStep]) {
        self.server = server
        self.script = script
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        received += Array(unwrapInboundIn(data).readableBytesView)
        answerNextRequest(context: context)
    }

    private func answerNextRequest(context: ChannelHandlerContext) {
        guard !isAnswering, let headEnd = Self.endOfHead(in: received) else { return }
        let head = String(decoding: received[..<headEnd], as: UTF8.self)
        let bodyLength =
            head.split(separator: "\r\n").compactMap { line -> Int? in
                let parts = line.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
                return Int(parts[1].trimmingCharacters(in: .whitespaces))
            }.first ?? 0
        guard received.count >= headEnd + 4 + bodyLength else { return }
        received.removeFirst(headEnd + 4 + bodyLength)
        server.received(head)
        isAnswering = true
        play(script(head)[...], context: context)
    }

    private func play(_ steps: ArraySlice<ScriptStep>, context: ChannelHandlerContext) {
        guard let step = steps.first else {
            isAnswering = false
            answerNextRequest(context: context)
            return
        }
        let rest = steps.dropFirst()
        switch step {
        case .send(let text):
            context.writeAndFlush(NIOAny(ByteBuffer(string: text)), promise: nil)
            play(rest, context: context)
        case .wait(let delay):
            context.eventLoop.assumeIsolated().scheduleTask(in: delay) { [self] in play(rest, context: context) }
        case .close:
            context.close(promise: nil)
        case .reset:
            let channel = context.channel
            (channel as? any SocketOptionProvider)?.setSoLinger(linger(l_onoff: 1, l_linger: 0))
                .whenComplete { _ in channel.close(promise: nil) }
        }
    }

    private static func endOfHead(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }
}

extension ScriptStep {
    /// A response head with `status`, the given headers and a chunked body to follow.
    static func chunkedHead(_ status: String = "200 OK", headers: [String] = ["Content-Type: text/event-stream"])
        -> ScriptStep
    {
        .send("HTTP/1.1 \(status)\r\n" + headers.map { $0 + "\r\n" }.joined() + "Transfer-Encoding: chunked\r\n\r\n")
    }

    /// One chunk of a chunked body.
    static func chunk(_ text: String) -> ScriptStep {
        .send(String(text.utf8.count, radix: 16) + "\r\n" + text + "\r\n")
    }

    /// The last chunk of a chunked body.
    static let lastChunk = ScriptStep.send("0\r\n\r\n")

    /// A whole answer with `status`, headers and a `Content-Length` body.
    static func answer(_ status: String, headers: [String] = [], body: String) -> ScriptStep {
        .send(
            "HTTP/1.1 \(status)\r\n" + headers.map { $0 + "\r\n" }.joined()
                + "Content-Length: \(body.utf8.count)\r\n\r\n" + body
        )
    }

    /// An SSE event of a completions stream carrying `text`.
    static func tokenEvent(_ text: String) -> String {
        "data: {\"choices\":[{\"index\":0,\"text\":\"\(text)\",\"finish_reason\":null}]}\n\n"
    }
}
