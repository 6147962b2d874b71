import LLMBenchSupport
import NIOSSL

/// Opens the client of `config`'s `server_metrics` (none when it is `off`), runs `body` with it,
/// and closes its connections and event loop whether `body` returns or throws.
func withScrapeClient<T>(
    _ config: BenchmarkConfig,
    _ body: (ScrapeClient?) async throws(BenchmarkError) -> T
) async throws(BenchmarkError) -> T {
    guard config.serverMetrics.source != .off else { return try await body(nil) }
    var tls: NIOSSLContext?
    var configuration = TLSConfiguration.makeClientConfiguration()
    if config.tlsInsecure { configuration.certificateVerification = .none }
    tls = try? NIOSSLContext(configuration: configuration)
    let client = ScrapeClient(
        timeout: .milliseconds(config.serverMetrics.timeoutMilliseconds),
        tls: tls,
        apiKey: config.apiKey,
        headers: config.headers
    )
    let result = await Result { () async throws(BenchmarkError) in try await body(client) }
    await client.close()
    return try result.get()
}
