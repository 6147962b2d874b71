import Logging
import NIOCore
import NIOHTTP1

/// The HTTP/1.1 handler of one simulator connection: collects a request, routes it, and for generation
/// requests hands the connection to a ``GenerationStream`` until the response is over.
final class SimulatorHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// Request bodies above this size are answered with 413.
    static let maximumBodyBytes = 64 * 1024 * 1024

    let state: SimulatorState
    private var requestHead: HTTPRequestHead?
    private var requestBody: ByteBuffer?
    private var isBodyTooLarge = false
    /// The generation request owning the connection, if any.
    var generation: GenerationStream?

    init(state: SimulatorState) {
        self.state = state
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            requestHead = head
            requestBody = nil
            isBodyTooLarge = false
            if head.headers["expect"].contains(where: { $0.lowercased() == "100-continue" }) {
                // curl sends this for bodies over 1 KiB and would otherwise wait a second for the body.
                let informational = HTTPResponseHead(version: head.version, status: .continue)
                context.writeAndFlush(wrapOutboundOut(.head(informational)), promise: nil)
            }
        case .body(var chunk):
            guard !isBodyTooLarge else { return }
            if (requestBody?.readableBytes ?? 0) + chunk.readableBytes > Self.maximumBodyBytes {
                isBodyTooLarge = true
                requestBody = nil
            } else if requestBody == nil {
                requestBody = chunk
            } else {
                requestBody!.writeBuffer(&chunk)
            }
        case .end:
            let receivedNanoseconds = NIODeadline.now().uptimeNanoseconds
            guard let head = requestHead else { return }
            requestHead = nil
            let body = requestBody ?? context.channel.allocator.buffer(capacity: 0)
            requestBody = nil
            state.recordHTTPRequest()
            if isBodyTooLarge {
                respondError(
                    context: context,
                    head: head,
                    status: .payloadTooLarge,
                    message: "The request body is larger than \(Self.maximumBodyBytes) bytes."
                )
                return
            }
            route(context: context, head: head, body: body, receivedNanoseconds: receivedNanoseconds)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        generation?.cancel()
        generation = nil
        context.fireChannelInactive()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        generation?.channelWritabilityChanged()
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        state.logger.debug("simulator connection error", metadata: ["error": "\(error)"])
        context.close(promise: nil)
    }

    // MARK: Errors

    /// Writes an OpenAI-style error; 4xx answers count as rejections.
    func respondError(
        context: ChannelHandlerContext,
        head: HTTPRequestHead,
        status: HTTPResponseStatus,
        message: String,
        type: String = "invalid_request_error",
        param: String? = nil,
        code: String? = nil,
        extraHeaders: [(String, String)] = []
    ) {
        if (400..<500).contains(status.code) { state.recordRejection() }
        let body = JSONText.error(message: echoed(message, head: head), type: type, param: param, code: code)
        ResponseWriter(context: context, answering: head).writeJSON(
            status: status,
            body: body,
            extraHeaders: extraHeaders
        )
    }

    /// `message`, followed by the request's credentials when the server echoes them.
    func echoed(_ message: String, head: HTTPRequestHead) -> String {
        guard state.options.echoesRequestHeaders else { return message }
        let quoted = head.headers.filter { name, _ in
            name.lowercased() == "authorization" || name.lowercased().hasPrefix("x-")
        }.map { "\($0.name): \($0.value)" }
        return message + " Request headers: " + quoted.joined(separator: "; ")
    }
}
