import LLMBenchSupport
import NIOCore
import NIOPosix
import NIOSSL

/// The server under test as the engine reaches it: one event-loop group and TLS context, the
/// executor of timed requests with its pool of idle connections, and the client of untimed calls,
/// all opening connections through one `ServerConnector`.
struct BenchmarkTarget {
    let address: ServerAddress
    let executor: RequestExecutor
    /// Idle connections of the timed requests.
    let pool: ConnectionPool
    /// Untimed calls: preflight, prompts, probes.
    let control: ControlClient
    /// Why timed reads went without the kernel stamps `timestamps: auto` asked for, said once.
    let timestampRefusal: KernelTimestampRefusal
    private let group: any EventLoopGroup

    /// Opens the event loops and the TLS context for `address` as `config` asks.
    static func open(_ address: ServerAddress, config: BenchmarkConfig) throws(BenchmarkError) -> BenchmarkTarget {
        let (group, refusal) = try makeEventLoops(
            threads: config.clientThreads,
            kernelTimestamps: config.timestamps == .auto
        )
        let tls: NIOSSLContext?
        do {
            tls = try makeTLSContext(for: address, isInsecure: config.tlsInsecure)
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
        let connector = ServerConnector(address: address, group: group, tls: tls)
        let factory = RequestFactory(
            address: address,
            apiKey: config.apiKey,
            extraHeaders: config.headers,
            model: config.model,
            api: config.api,
            extraBody: config.extraBody,
            continuousUsageStats: config.continuousUsageStats
        )
        let executor = RequestExecutor(
            connector: connector,
            factory: factory,
            retry: config.retry,
            timeouts: config.timeouts,
            maxBodyBytes: config.maxEventBytes
        )
        return BenchmarkTarget(
            address: address,
            executor: executor,
            pool: ConnectionPool(),
            control: ControlClient(connector: connector, factory: factory),
            timestampRefusal: refusal,
            group: group
        )
    }

    /// Closes every idle connection and the event loops.
    func close() async {
        await pool.closeAll()
        await control.close()
        try? await group.shutdownGracefully()
    }

    /// The timed path's event loops: on Linux the project's own, reading kernel receive stamps
    /// when `kernelTimestamps`; elsewhere NIO's.
    private static func makeEventLoops(
        threads: Int,
        kernelTimestamps: Bool
    ) throws(BenchmarkError) -> (any EventLoopGroup, KernelTimestampRefusal) {
        #if os(Linux)
            do {
                let group = try TimedEventLoopGroup(threads: threads, receiveTimestamps: kernelTimestamps)
                return (group, group.refusal)
            } catch {
                throw .unreachable(error.description)
            }
        #else
            let refusal = KernelTimestampRefusal(
                reason: kernelTimestamps ? "this platform's sockets give no receive timestamps (Linux only)" : nil
            )
            return (MultiThreadedEventLoopGroup(numberOfThreads: threads), refusal)
        #endif
    }

    private static func makeTLSContext(for address: ServerAddress, isInsecure: Bool) throws(BenchmarkError)
        -> NIOSSLContext?
    {
        guard address.isTLS else { return nil }
        var configuration = TLSConfiguration.makeClientConfiguration()
        if isInsecure { configuration.certificateVerification = .none }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw .unreachable("TLS cannot be set up for \(address): \(error)")
        }
    }
}

/// Opens the target at `address`, runs `body` with it, and closes its connections and event
/// loops whether `body` returns or throws.
func withBenchmarkTarget<T>(
    _ address: ServerAddress,
    config: BenchmarkConfig,
    _ body: (BenchmarkTarget) async throws(BenchmarkError) -> T
) async throws(BenchmarkError) -> T {
    let target = try BenchmarkTarget.open(address, config: config)
    let result = await Result { () async throws(BenchmarkError) in try await body(target) }
    await target.close()
    return try result.get()
}
