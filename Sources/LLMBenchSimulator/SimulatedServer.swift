import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// A simulated OpenAI-compatible LLM server on SwiftNIO (HTTP/1.1, keep-alive), with a latency model,
/// fault injection and a record of what it really did (``RequestTruth``).
///
/// Endpoints: `POST /v1/completions`, `POST /v1/chat/completions` (streaming and not), `GET /v1/models`,
/// `GET /health`, `POST /tokenize`, `POST /detokenize`, `GET /metrics` (vLLM's names), `GET /sim/stats`,
/// `GET /sim/truth[?since=N]`.
///
/// ```swift
/// let server = try await SimulatedServer.start(options: .init(latency: .instant))
/// // … point a client at server.baseURL …
/// try await server.shutdown()
/// ```
public final class SimulatedServer: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let state: SimulatorState
    private let isShutDown = Mutex(false)

    /// The bound TCP port.
    public let port: Int
    /// The bound host.
    public let host: String

    /// The OpenAI base URL, `http://<host>:<port>/v1` (`https://` with TLS).
    public var baseURL: String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return "\(options.tls == nil ? "http" : "https")://\(bracketed):\(port)/v1"
    }

    /// The options the server runs with.
    public var options: SimulatorOptions { state.options }

    private init(
        group: MultiThreadedEventLoopGroup,
        channel: any Channel,
        state: SimulatorState,
        host: String,
        port: Int
    ) {
        self.group = group
        self.channel = channel
        self.state = state
        self.host = host
        self.port = port
    }

    /// Starts a server and returns once it listens.
    ///
    /// - Throws: ``SimulatorError`` when an option is invalid or the address cannot be bound.
    public static func start(
        options: SimulatorOptions = .init(),
        logger: Logger = Logger(label: "llm-bench.simulator")
    ) async throws -> SimulatedServer {
        try options.validate()
        let state = SimulatorState(
            options: options,
            logger: logger,
            startedUnixSeconds: Int(Date().timeIntervalSince1970)
        )
        let tlsContext = try options.tls.map(makeTLSContext)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: options.eventLoopThreads)
        let channel: any Channel
        do {
            channel = try await ServerBootstrap(group: group)
                .serverChannelOption(ChannelOptions.backlog, value: 4096)
                .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
                .childChannelOption(ChannelOptions.maxMessagesPerRead, value: 16)
                .childChannelInitializer { channel in
                    state.track(channel)
                    return channel.eventLoop.makeCompletedFuture {
                        if let tlsContext {
                            try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tlsContext))
                        }
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                        try channel.pipeline.syncOperations.addHandler(SimulatorHTTPHandler(state: state))
                    }
                }
                .bind(host: options.host, port: options.port)
                .get()
        } catch {
            try? await group.shutdownGracefully()
            throw SimulatorError.bindFailed(host: options.host, port: options.port, reason: "\(error)")
        }
        let port = channel.localAddress?.port ?? options.port
        logger.debug("simulator listening", metadata: ["host": "\(options.host)", "port": "\(port)"])
        return SimulatedServer(group: group, channel: channel, state: state, host: options.host, port: port)
    }

    /// The record of the request with this id (its `X-Request-Id`, else its response id), if still kept.
    public func truth(requestID: String) -> RequestTruth? {
        state.truth(requestID: requestID)
    }

    /// All kept records, in arrival order.
    public func truths() -> [RequestTruth] {
        state.truths()
    }

    /// The kept records from arrival index `since` on (the index counts every generation request).
    public func truths(since: Int) -> [RequestTruth] {
        state.truths(since: since)
    }

    /// A snapshot of the counters.
    public func stats() -> SimulatorStats {
        state.stats()
    }

    /// Returns once the counters satisfy `condition` (at once if they do now, or after shutdown).
    ///
    /// Lets a test await a server-side event without sleeping, e.g.
    /// `try await server.waitForStats { $0.clientDisconnects == 1 }`.
    public func waitForStats(where condition: @escaping @Sendable (SimulatorStats) -> Bool) async throws {
        guard !isShutDown.withLock({ $0 }) else { return }
        let promise = group.next().makePromise(of: Void.self)
        state.notify(when: condition, promise: promise)
        try await promise.futureResult.get()
    }

    /// Returns once no sequence is being generated or queued (at once if none is, or after shutdown).
    public func waitUntilIdle() async throws {
        try await waitForStats { $0.active == 0 && $0.queued == 0 }
    }

    /// Stops listening, closes every connection (requests in flight end without a response end) and
    /// stops the event loops. Safe to call more than once.
    public func shutdown() async throws {
        let wasShutDown = isShutDown.withLock { isShutDown in
            defer { isShutDown = true }
            return isShutDown
        }
        guard !wasShutDown else { return }
        do {
            try await channel.close()
        } catch ChannelError.alreadyClosed {
            // Already closed: nothing to do.
        }
        let connections = state.beginShutdown()
        let closed = EventLoopFuture.andAllComplete(connections.map { $0.close() }, on: group.next())
        try? await closed.get()
        state.releaseStatsWaiters()
        try await group.shutdownGracefully()
    }
}

/// The server-side TLS context of an HTTPS simulator.
private func makeTLSContext(_ files: SimulatorOptions.TLSFiles) throws(SimulatorError) -> NIOSSLContext {
    do {
        let chain = try NIOSSLCertificate.fromPEMFile(files.certificateChainPath).map {
            NIOSSLCertificateSource.certificate($0)
        }
        let key = try NIOSSLPrivateKey(file: files.privateKeyPath, format: .pem)
        return try NIOSSLContext(
            configuration: .makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        )
    } catch {
        throw .invalidOption(
            name: "tls",
            value: files.certificateChainPath,
            reason: "the certificate or key cannot be loaded (\(error))"
        )
    }
}
