import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One keep-alive HTTP/1.1 connection to the server, carrying one request at a time.
final class HTTPConnection: Sendable {
    private let channel: any Channel
    /// How long opening the connection took (TCP connect and, for https, the TLS handshake).
    let connectDuration: Duration

    private init(channel: any Channel, connectDuration: Duration) {
        self.channel = channel
        self.connectDuration = connectDuration
    }

    /// Whether the connection is still open.
    var isActive: Bool { channel.isActive }

    /// Sizes of the buffers socket reads go into. NIO keeps each connection's buffer between reads
    /// at the largest size it ever grew to, so the cap is memory per stream: 4 KiB holds ~20 SSE
    /// events of one token (1,024 streams: 4 MiB; a 64 KiB cap cost ~18 MiB there for no
    /// measurable CPU gain), and quiet streams stay at 1 KiB.
    static let readBufferSizes = AdaptiveRecvByteBufferAllocator(minimum: 512, initial: 1024, maximum: 4096)

    /// Opens a connection to `address`.
    static func connect(
        to address: ServerAddress,
        group: any EventLoopGroup,
        tls: NIOSSLContext?,
        timeout: TimeAmount?
    ) async throws(RequestFailure) -> HTTPConnection {
        let serverName = address.host.isIPAddress ? nil : address.host
        let loop = group.next()
        let handshake = tls.map { _ in loop.makePromise(of: Void.self) }
        let handlers: @Sendable (any Channel, ArrivalStamp?) throws -> Void = { channel, stamp in
            try addHandlers(
                to: channel,
                stamp: stamp,
                tls: tls,
                serverName: serverName,
                handshake: handshake,
                timeout: timeout
            )
        }
        let start = ContinuousClock.now
        let channel: any Channel
        do {
            channel = try await openChannel(to: address, on: loop, timeout: timeout, handlers: handlers)
        } catch ChannelError.connectTimeout(let waited) {
            // The timed path's attempts each wait for what is left of `timeout`.
            handshake?.fail(ChannelError.connectTimeout(waited))
            throw RequestFailure(
                kind: .timeoutConnect,
                message:
                    "connecting to \(address.hostHeader) took longer than \(timeout.map { $0.nanoseconds / 1_000_000 } ?? 0) ms (timeouts.connect_ms)"
            )
        } catch {
            handshake?.fail(error)
            throw RequestFailure(
                kind: .connect,
                message: "cannot connect to \(address.hostHeader): \(ConnectErrorText.describe(error))"
            )
        }
        if let handshake { try await awaitHandshake(handshake, on: channel, with: address) }
        return HTTPConnection(channel: channel, connectDuration: ContinuousClock.now - start)
    }

    /// A connected channel on `loop` with `handlers` added: on a `TimedEventLoop`, a socket read
    /// with kernel receive stamps, trying the host's addresses in turn within `timeout`; on a NIO
    /// loop, NIO's own socket channel.
    private static func openChannel(
        to address: ServerAddress,
        on loop: any EventLoop,
        timeout: TimeAmount?,
        handlers: @escaping @Sendable (any Channel, ArrivalStamp?) throws -> Void
    ) async throws -> any Channel {
        #if os(Linux)
            if let timed = loop as? TimedEventLoop {
                return try await openTimedChannel(to: address, on: timed, timeout: timeout, handlers: handlers)
            }
        #endif
        var bootstrap = ClientBootstrap(group: loop)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelOption(.recvAllocator, value: readBufferSizes)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try handlers(channel, nil) }
            }
        if let timeout { bootstrap = bootstrap.connectTimeout(timeout) }
        return try await bootstrap.connect(host: address.host, port: address.port).get()
    }

    /// The connection's handlers, socket first: the arrival stamp (unless the channel sets
    /// `stamp` itself), TLS, HTTP/1.1, the timed handler.
    private static func addHandlers(
        to channel: any Channel,
        stamp channelStamp: ArrivalStamp?,
        tls: NIOSSLContext?,
        serverName: String?,
        handshake: EventLoopPromise<Void>?,
        timeout: TimeAmount?
    ) throws {
        let stamp = channelStamp ?? ArrivalStamp()
        let pipeline = channel.pipeline.syncOperations
        if channelStamp == nil { try pipeline.addHandler(ArrivalTimestampHandler(stamp: stamp)) }
        if let tls, let handshake {
            try pipeline.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName))
            try pipeline.addHandler(TLSHandshakeWaiter(promise: handshake, timeout: timeout))
        }
        try pipeline.addHTTPClientHandlers()
        try pipeline.addHandler(StreamingResponseHandler(stamp: stamp, isTLS: tls != nil))
    }

    /// Waits for the TLS handshake of a connected `channel`, closing it if the handshake fails.
    private static func awaitHandshake(
        _ handshake: EventLoopPromise<Void>,
        on channel: any Channel,
        with address: ServerAddress
    ) async throws(RequestFailure) {
        do {
            try await handshake.futureResult.get()
        } catch {
            channel.close(promise: nil)
            if case ChannelError.connectTimeout = error {
                throw RequestFailure(
                    kind: .timeoutConnect,
                    message: "the TLS handshake with \(address.hostHeader) took longer than timeouts.connect_ms"
                )
            }
            throw RequestFailure(
                kind: .tls,
                message: "the TLS handshake with \(address.hostHeader) failed: \(ConnectErrorText.describe(error))"
            )
        }
    }

    /// Sends a request and waits for its whole answer; the only crossing into async per request.
    func exchange(
        head: HTTPRequestHead,
        body: ByteBuffer,
        isStreaming: Bool,
        timeouts: RequestTimeouts,
        maxBodyBytes: Int,
        expectedTokenEvents: Int = 0,
        readsResponseEvents: Bool = false,
        collectsAnswer: Bool = false
    ) async throws(RequestFailure) -> HTTPExchange {
        let promise = channel.eventLoop.makePromise(of: HTTPExchange.self)
        let pending = PendingExchange(
            head: head,
            body: body,
            isStreaming: isStreaming,
            idleTimeout: timeouts.idleMilliseconds > 0 ? .milliseconds(Int64(timeouts.idleMilliseconds)) : nil,
            firstTokenTimeout: isStreaming && timeouts.firstTokenMilliseconds > 0
                ? .milliseconds(Int64(timeouts.firstTokenMilliseconds)) : nil,
            totalTimeout: timeouts.totalMilliseconds > 0 ? .milliseconds(Int64(timeouts.totalMilliseconds)) : nil,
            expectedTokenEvents: min(expectedTokenEvents, 1 << 20),
            readsResponseEvents: readsResponseEvents,
            collectsAnswer: collectsAnswer,
            maxBodyBytes: maxBodyBytes,
            promise: promise
        )
        let channel = self.channel
        channel.writeAndFlush(pending).whenFailure { error in
            promise.fail(
                RequestFailure(
                    kind: .sendFailed,
                    message: "the request could not be sent: \(ConnectErrorText.describe(error))"
                )
            )
            channel.close(promise: nil)
        }
        do {
            return try await withTaskCancellationHandler {
                try await promise.futureResult.get()
            } onCancel: {
                promise.fail(RequestFailure(kind: .cancelled, message: "the benchmark was interrupted"))
                channel.close(promise: nil)
            }
        } catch let failure as RequestFailure {
            throw failure
        } catch {
            throw RequestFailure(kind: .sendFailed, message: ConnectErrorText.describe(error))
        }
    }

    /// Closes the connection.
    func close() async {
        try? await channel.close()
    }
}
