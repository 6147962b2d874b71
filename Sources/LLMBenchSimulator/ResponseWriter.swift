import NIOCore
import NIOHTTP1

/// Writes the simulator's HTTP responses on one connection, in the request's HTTP version, ending
/// the response by closing the connection when it is not kept alive.
struct ResponseWriter {
    let context: ChannelHandlerContext
    let version: HTTPVersion
    let isKeepAlive: Bool

    /// A writer answering `head`.
    init(context: ChannelHandlerContext, answering head: HTTPRequestHead) {
        self.init(context: context, version: head.version, isKeepAlive: head.isKeepAlive)
    }

    init(context: ChannelHandlerContext, version: HTTPVersion, isKeepAlive: Bool) {
        self.context = context
        self.version = version
        self.isKeepAlive = isKeepAlive
    }

    /// Writes a complete JSON response with `Content-Length`; `extraHeaders` go before `Connection`.
    func writeJSON(status: HTTPResponseStatus, body: String, extraHeaders: [(String, String)] = []) {
        write(status: status, contentType: "application/json", body: body, extraHeaders: extraHeaders)
    }

    /// Writes a complete response of `contentType` with `Content-Length`.
    func write(
        status: HTTPResponseStatus,
        contentType: String,
        body: String,
        extraHeaders: [(String, String)] = []
    ) {
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: contentType)
        headers.add(name: "content-length", value: "\(body.utf8.count)")
        for (name, value) in extraHeaders { headers.add(name: name, value: value) }
        if !isKeepAlive { headers.add(name: "connection", value: "close") }
        context.write(wrap(.head(HTTPResponseHead(version: version, status: status, headers: headers))), promise: nil)
        var buffer = context.channel.allocator.buffer(capacity: body.utf8.count)
        buffer.writeString(body)
        writeBody(buffer)
        end()
    }

    /// Writes and flushes the head of an event stream (chunked from HTTP/1.1 on).
    func writeStreamHead(requestID: String) {
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "text/event-stream")
        headers.add(name: "cache-control", value: "no-cache")
        headers.add(name: "x-request-id", value: requestID)
        if version.minor >= 1 { headers.add(name: "transfer-encoding", value: "chunked") }
        if !isKeepAlive { headers.add(name: "connection", value: "close") }
        let head = HTTPResponseHead(version: version, status: .ok, headers: headers)
        context.writeAndFlush(wrap(.head(head)), promise: nil)
    }

    /// Writes body bytes, flushing them when `flush` is set.
    func writeBody(_ buffer: ByteBuffer, flush: Bool = false) {
        if flush {
            context.writeAndFlush(wrap(.body(.byteBuffer(buffer))), promise: nil)
        } else {
            context.write(wrap(.body(.byteBuffer(buffer))), promise: nil)
        }
    }

    /// Writes and flushes the end of the response; closes the connection afterwards without keep-alive.
    func end() {
        let context = self.context
        let isKeepAlive = self.isKeepAlive
        context.writeAndFlush(wrap(.end(nil))).assumeIsolated().whenComplete { _ in
            if !isKeepAlive { context.close(promise: nil) }
        }
    }

    private func wrap(_ part: HTTPServerResponsePart) -> NIOAny {
        NIOAny(part)
    }
}
