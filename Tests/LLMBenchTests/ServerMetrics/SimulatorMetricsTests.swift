import LLMBenchSimulator
import NIOCore
import NIOHTTP1
import Testing

@testable import LLMBench

/// The simulator's `/metrics`, read by the engine's own parser through its control client.
@Suite(.timeLimit(.minutes(1)))
struct SimulatorMetricsTests {
    @Test func theSimulatorsMetricsParseWithTheirTypesAndMatchItsTruth() async throws {
        let options = SimulatorOptions(
            latency: .deterministic(timeToFirstTokenMilliseconds: 1, interTokenMilliseconds: 1)
        )
        try await withSimulatedServer(options: options) { server in
            let executor = makeExecutor(for: server)
            let client = ControlClient(connector: executor.connector, factory: executor.factory)
            for maxTokens in [3, 8] {
                let answer = try await client.call(
                    .POST,
                    path: "/completions",
                    body: ["model": "llm-bench-sim", "prompt": "Hà Nội mùa thu", "max_tokens": maxTokens]
                )
                #expect(answer.status == 200)
            }
            let answer = try await client.call(.GET, path: "/metrics", isRootPath: true)
            await client.close()
            #expect(answer.status == 200)
            let exposition = try MetricExposition(parsing: String(buffer: answer.body))
            #expect(exposition.types["vllm:num_requests_running"] == "gauge")
            #expect(exposition.types["vllm:generation_tokens_total"] == "counter")
            #expect(exposition.types["vllm:e2e_request_latency_seconds"] == "histogram")

            let generated = exposition.samples.first { $0.name == "vllm:generation_tokens_total" }
            #expect(generated?.value == Double(server.truths().map(\.completionTokens).reduce(0, +)))
            #expect(generated?.label("model_name") == "llm-bench-sim")
            #expect(generated?.label("engine") == "0")
            let successes = exposition.samples.filter { $0.name == "vllm:request_success_total" }
            #expect(successes.compactMap { $0.label("finished_reason") } == ["stop", "length", "abort"])
            #expect(successes.map(\.value) == [0, 2, 0])
            let e2e = exposition.samples.filter { $0.name == "vllm:e2e_request_latency_seconds_bucket" }
            #expect(e2e.last?.label("le") == "+Inf")
            #expect(e2e.last?.value == 2)
        }
    }
}
