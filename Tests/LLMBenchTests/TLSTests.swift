import Foundation
import LLMBenchSimulator
import Testing

@testable import LLMBench

/// `https://` endpoints through swift-nio-ssl, against the simulator serving TLS.
struct TLSTests {
    /// A self-signed certificate for 127.0.0.1, made with the openssl command line.
    static func makeCertificate(in directory: String) throws -> SimulatorOptions.TLSFiles {
        let files = SimulatorOptions.TLSFiles(
            certificateChainPath: directory + "/cert.pem",
            privateKeyPath: directory + "/key.pem"
        )
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", files.privateKeyPath, "-out",
            files.certificateChainPath,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "openssl could not make a test certificate")
        return files
    }

    @Test func anHTTPSServerWithASelfSignedCertificateWorksWithTLSInsecure() async throws {
        try await withTemporaryDirectory { directory in
            var options = SimulatorOptions(
                latency: .deterministic(timeToFirstTokenMilliseconds: 2, interTokenMilliseconds: 1)
            )
            options.tls = try Self.makeCertificate(in: directory)
            try await withSimulatedServer(options: options) { server in
                #expect(server.baseURL.hasPrefix("https://"))
                var config = EndToEndTests.config(server: server, directory: directory, runs: 1, concurrency: 3)
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
            options.tls = try Self.makeCertificate(in: directory)
            try await withSimulatedServer(options: options) { server in
                let config = EndToEndTests.config(server: server, directory: directory)
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
