import LLMBenchSupport
import NIOCore
import NIOHTTP1
import NIOPosix
import Prometheus
import Synchronization

/// The HTTP endpoint of a run's live metrics: `GET /metrics` on its own event loop thread, never
/// that of the timed connections, from before the preflight until the run ends.
final class LiveMetricsEndpoint: Sendable {
    /// The address listened on, with the port bound when 0 was asked.
    let address: LiveMetricsAddress
    /// The metrics served.
    let registry: PrometheusCollectorRegistry
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    /// The run's metrics, registered once its id is known (``begin(runID:)``); read without a lock.
    private let metrics = AtomicLazyReference<LiveMetrics>()

    private init(
        address: LiveMetricsAddress,
        registry: PrometheusCollectorRegistry,
        group: MultiThreadedEventLoopGroup,
        channel: any Channel
    ) {
        self.address = address
        self.registry = registry
        self.group = group
        self.channel = channel
    }

    /// Listens on `address` with a new, empty registry.
    static func start(at address: LiveMetricsAddress) async throws(LiveMetricsError) -> LiveMetricsEndpoint {
        let registry = PrometheusCollectorRegistry()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channel: any Channel
        do {
            channel = try await ServerBootstrap(group: group)
                .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                        try channel.pipeline.syncOperations.addHandler(LiveMetricsHTTPHandler(registry: registry))
                    }
                }
                .bind(host: address.host, port: address.port)
                .get()
        } catch {
            try? await group.shutdownGracefully()
            throw .bindFailed(address, reason: Self.reason(error))
        }
        let bound = LiveMetricsAddress(host: address.host, port: channel.localAddress?.port ?? address.port)
        return LiveMetricsEndpoint(address: bound, registry: registry, group: group, channel: channel)
    }

    /// Stops listening and closes the scrapers' connections.
    func stop() async {
        try? await channel.close()
        try? await group.shutdownGracefully()
    }

    /// An observer that updates the run's metrics, once they are registered, and then hands the
    /// event to `next`.
    func observer(then next: @escaping BenchmarkObserver) -> BenchmarkObserver {
        { event in
            self.metrics.load()?.observe(event)
            next(event)
        }
    }

    /// Registers the run's metrics, labelled `run_id` = `runID`; the events before it are not counted.
    func begin(runID: String) {
        _ = metrics.storeIfNil(LiveMetrics(runID: runID, registry: registry))
    }

    /// Runs `body` with an endpoint at `address` (none when nil), told as an event, and stops it when
    /// `body` ends, however it ends.
    static func serving<Value>(
        at address: LiveMetricsAddress?,
        emit: BenchmarkObserver,
        _ body: (LiveMetricsEndpoint?) async throws(BenchmarkError) -> Value
    ) async throws(BenchmarkError) -> Value {
        guard let address else { return try await body(nil) }
        let endpoint: LiveMetricsEndpoint
        do {
            endpoint = try await start(at: address)
        } catch {
            throw .liveMetrics(error)
        }
        emit(.liveMetricsStarted(endpoint.address))
        let result = await Result { () async throws(BenchmarkError) in try await body(endpoint) }
        await endpoint.stop()
        return try result.get()
    }

    /// The bind error in words: the system's message without the name of NIO's call.
    private static func reason(_ error: any Error) -> String {
        let text = "\(error)"
        guard error is IOError, let call = text.firstRange(of: "): ") else { return text }
        return String(text[call.upperBound...])
    }
}
