import Foundation
import LLMBenchSimulator
import Testing

@testable import LLMBench

/// What is wrong with the endpoint is said before anything is measured.
struct PreflightTests {
    static func failure(
        _ configure: (inout BenchmarkConfig, SimulatedServer) -> Void,
        options: SimulatorOptions = .init()
    ) async throws -> String {
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: options) { server in
                var config = benchmarkConfig(server: server, directory: directory)
                configure(&config, server)
                do {
                    _ = try await BenchmarkRunner(config: config).run()
                    return ""
                } catch {
                    guard case BenchmarkError.unreachable(let message) = error else { return "unexpected: \(error)" }
                    #expect(server.truths().isEmpty, "nothing was measured")
                    return message
                }
            }
        }
    }

    @Test func aWrongBasePathSuggestsV1() async throws {
        let message = try await Self.failure { config, server in
            config.endpoint = .remote(
                ServerAddress(isTLS: false, host: "127.0.0.1", port: server.port, basePath: "/api")
            )
        }
        #expect(message.contains("404") && message.contains("/v1"), "\(message)")
    }

    @Test func anUnknownModelListsTheServedOnes() async throws {
        var options = SimulatorOptions()
        options.strictModel = true
        options.servedModels = ["qwen-7b", "llama-8b"]
        let message = try await Self.failure({ config, _ in config.model = "gpt-5" }, options: options)
        #expect(message.contains("'gpt-5'") && message.contains("qwen-7b, llama-8b"), "\(message)")
    }

    @Test func aModelThatIsNotListedButAcceptedOnlyWarns() async throws {
        var options = SimulatorOptions(latency: .instant)
        options.servedModels = ["qwen-7b"]
        let recorder = EventRecorder()
        let report = try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: options) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 1)
                config.model = "alias"
                config.cases = [BenchmarkCase(inputTokens: 4, outputTokens: 2)]
                return try await BenchmarkRunner(config: config).run(observer: recorder.observe)
            }
        }
        #expect(report.cases.first?.successfulRequests == 1)
        #expect(recorder.warningsBesideTimingOnes == [.modelNotListed(model: "alias", served: ["qwen-7b"])])
        let text = try #require(recorder.warnings.first?.description)
        #expect(text.contains("does not list 'alias'") && text.contains("qwen-7b"), "\(text)")
    }
}
