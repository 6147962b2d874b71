import Foundation
import LLMBenchSimulator
import Testing

@testable import LLMBench

/// `https://` endpoints through swift-nio-ssl, against the simulator serving TLS.
struct TLSTests {

    @Test func anHTTPSServerWithASelfSignedCertificateWorksWithTLSInsecure() async throws {
        try await withTemporaryDirectory { directory in
            var options = SimulatorOptions(
                latency: .deterministic(timeToFirstTokenMilliseconds: 2, interTokenMilliseconds: 1)
            )
            options.tls = try makeCertificate(in: directory)
            try await withSimulatedServer(options: options) { server in
                #expect(server.baseURL.hasPrefix("https://"))
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 3)
                config.tlsInsecure = true
                let report = try await BenchmarkRunner(config: config).run()
                #expect(report.failedRequests == 0)
                #expect(report.successfulRequests == 6)
                #expect(report.cases.first?.meanOutputTokensServer == 20)
            }
        }
    }

    @Test func anUntrustedCertificateIsATLSErrorBeforeAnythingIsMeasured() async throws {
        try await withTemporaryDirectory { directory in
            var options = SimulatorOptions(latency: .instant)
            options.tls = try makeCertificate(in: directory)
            try await withSimulatedServer(options: options) { server in
                let config = benchmarkConfig(server: server, directory: directory)
                await #expect {
                    try await BenchmarkRunner(config: config).run()
                } throws: { error in
                    guard case BenchmarkError.unreachable(let message) = error else { return false }
                    return message.contains("TLS") && message.contains("tls_insecure")
                }
                #expect(server.truths().isEmpty)
            }
        }
    }
}
