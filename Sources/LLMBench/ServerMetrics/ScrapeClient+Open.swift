import LLMBenchSupport
import NIOSSL

/// Opens the client of `config`'s `server_metrics` (none when it is `off`), runs `body` with it,
/// and closes its connections and event loop whether `body` returns or throws. A TLS context is
/// made only when a URL to read (`/metrics` of `server` for the automatic choice) is https.
func withScrapeClient<T>(
    _ config: BenchmarkConfig,
    server: ServerAddress,
    _ body: (ScrapeClient?) async throws(BenchmarkError) -> T
) async throws(BenchmarkError) -> T {
    let isTLS: Bool
    switch config.serverMetrics.source {
    case .off: return try await body(nil)
    case .automatic: isTLS = server.isTLS
    case .urls(let addresses): isTLS = addresses.contains(where: \.isTLS)
    }
    var tls: NIOSSLContext?
    if isTLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if config.tlsInsecure { configuration.certificateVerification = .none }
        tls = try? NIOSSLContext(configuration: configuration)
    }
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
