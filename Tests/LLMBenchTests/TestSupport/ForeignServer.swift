import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A small OpenAI-compatible server with the habits of servers and proxies the simulator does not
/// have: it may stream every answer (even one asked with `stream: false`), report no `usage`, or
/// write the same text whatever it is asked. It has no `/tokenize`; a token is a word.
final class ForeignServer: Sendable {
    /// How the server answers generation requests.
    struct Behaviour: Sendable {
        /// Answer every generation request as an SSE stream, `usage` (if any) in its last chunk.
        var streamsEveryAnswer = false
        /// Report `usage` (in JSON answers, and in streams that ask for it).
        var reportsUsage = true
        /// Write the same words for every request, whatever its prompt.
        var writesSameText = false
    }

    /// A generation request as the server saw it.
    struct Seen: Sendable {
        var isStreamAsked: Bool
        var maxTokens: Int
    }

    static let model = "foreign-model"

    let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let log: Log

    /// `http://127.0.0.1:<port>/v1`.
    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    /// The generation requests received so far.
    var requests: [Seen] { log.seen.withLock { $0 } }

    private init(port: Int, group: MultiThreadedEventLoopGroup, channel: any Channel, log: Log) {
        self.port = port
        self.group = group
        self.channel = channel
        self.log = log
    }

    /// Starts a server with `behaviour`, runs `body` with it and shuts it down, whether `body`
    /// returns or throws.
    static func with<T>(
        _ behaviour: Behaviour,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (ForeignServer) async throws -> T
    ) async throws -> T {
        let server = try await start(behaviour)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(server))
        } catch {
            result = .failure(error)
        }
        try? await server.channel.close()
        try? await server.group.shutdownGracefully()
        return try result.get()
    }

    private static func start(_ behaviour: Behaviour) async throws -> ForeignServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let log = Log()
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(Handler(behaviour: behaviour, log: log))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return ForeignServer(port: channel.localAddress?.port ?? 0, group: group, channel: channel, log: log)
    }

    /// Where the handlers note the requests they serve.
    private final class Log: Sendable {
        let seen = Mutex<[Seen]>([])
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let behaviour: Behaviour
        let log: Log
        private var head: HTTPRequestHead?
        private var body: [UInt8] = []

        init(behaviour: Behaviour, log: Log) {
            self.behaviour = behaviour
            self.log = log
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body = []
            case .body(let buffer):
                body += buffer.readableBytesView
            case .end:
                guard let head else { return }
                respond(to: head, context: context)
            }
        }

        private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
            let path = head.uri.split(separator: "?").first.map(String.init) ?? head.uri
            switch (head.method, path) {
            case (.GET, "/v1/models"):
                write(status: .ok, contentType: "application/json", #"{"data":[{"id":"\#(model)"}]}"#, context)
            case (.POST, "/v1/completions"), (.POST, "/v1/chat/completions"):
                generate(isChat: path.hasSuffix("chat/completions"), context: context)
            default:
                write(status: .notFound, contentType: "application/json", #"{"error":{"message":"no route"}}"#, context)
            }
        }

        private func generate(isChat: Bool, context: ChannelHandlerContext) {
            let request = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
            let prompt: String
            if isChat {
                let messages = request["messages"] as? [[String: Any]] ?? []
                prompt = messages.compactMap { $0["content"] as? String }.joined(separator: " ")
            } else {
                prompt = request["prompt"] as? String ?? ""
            }
            let maxTokens = request["max_tokens"] as? Int ?? 16
            let isStreamAsked = request["stream"] as? Bool ?? false
            log.seen.withLock { $0.append(Seen(isStreamAsked: isStreamAsked, maxTokens: maxTokens)) }
            let words = Self.words(count: maxTokens, about: behaviour.writesSameText ? "" : prompt)
            let promptTokens = prompt.split(whereSeparator: \.isWhitespace).count
            let usage =
                #"{"prompt_tokens":\#(promptTokens),"completion_tokens":\#(words.count),"total_tokens":\#(promptTokens + words.count)}"#
            guard isStreamAsked || behaviour.streamsEveryAnswer else {
                let text = Self.quoted(words.joined(separator: " "))
                let choice =
                    isChat
                    ? #"{"index":0,"message":{"role":"assistant","content":\#(text)},"finish_reason":"length"}"#
                    : #"{"index":0,"text":\#(text),"finish_reason":"length"}"#
                let usageField = behaviour.reportsUsage ? #","usage":\#(usage)"# : ""
                write(
                    status: .ok,
                    contentType: "application/json",
                    #"{"id":"x","choices":[\#(choice)]\#(usageField)}"#,
                    context
                )
                return
            }
            var stream = ""
            for (index, word) in words.enumerated() {
                let text = Self.quoted(index == 0 ? word : " " + word)
                let finish = index == words.count - 1 ? #""length""# : "null"
                let choice =
                    isChat
                    ? #"{"index":0,"delta":{"content":\#(text)},"finish_reason":\#(finish)}"#
                    : #"{"index":0,"text":\#(text),"finish_reason":\#(finish)}"#
                stream += "data: {\"id\":\"x\",\"choices\":[\(choice)]}\n\n"
            }
            let asksUsage = (request["stream_options"] as? [String: Any])?["include_usage"] as? Bool ?? false
            if behaviour.reportsUsage, asksUsage || !isStreamAsked {
                stream += "data: {\"id\":\"x\",\"choices\":[],\"usage\":\(usage)}\n\n"
            }
            stream += "data: [DONE]\n\n"
            write(status: .ok, contentType: "text/event-stream", stream, context, isChunked: true)
        }

        private func write(
            status: HTTPResponseStatus,
            contentType: String,
            _ text: String,
            _ context: ChannelHandlerContext,
            isChunked: Bool = false
        ) {
            var headers = HTTPHeaders()
            headers.add(name: "content-type", value: contentType)
            if !isChunked { headers.add(name: "content-length", value: "\(text.utf8.count)") }
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))),
                promise: nil
            )
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: text)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }

        /// `count` words, chosen by the text they are about (the same words for the same text).
        static func words(count: Int, about text: String) -> [String] {
            let vocabulary = [
                "sông", "núi", "mây", "gió", "biển", "trời", "đất", "cây", "hoa", "lá", "mưa", "nắng", "đường",
                "phố", "làng", "chợ", "trăng", "sao", "đêm", "ngày",
            ]
            var state = text.utf8.reduce(UInt64(1469598103934665603)) { ($0 ^ UInt64($1)) &* 1099511628211 }
            return (0..<max(1, count)).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return vocabulary[Int((state >> 33) % UInt64(vocabulary.count))]
            }
        }

        static func quoted(_ text: String) -> String {
            (try? JSONEncoder().encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? #""""#
        }
    }
}
