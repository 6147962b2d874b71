import Foundation
import LLMBenchSimulator
import Testing

@testable import LLMBench

/// A server's own per-request timings (llama.cpp's `timings`, as the simulator sends them with
/// `serverTimings`) and its `cached_tokens`, read on the timed path, against the simulator's truth.
struct ServerTimingsEndToEndTests {
    @Test func theRecordsCarryTheServersTimingsAsItsTruthHasThem() async throws {
        var options = deterministicSimulator
        options.serverTimings = true
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: options) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 4)
                config.cases = [BenchmarkCase(inputTokens: 12, outputTokens: 9)]
                let report = try await BenchmarkRunner(config: config).run()
                let records = try jsonObjects(ofFile: report.files.requests)
                #expect(records.count == 4)
                var prompts: [Double] = []
                var perToken: [Double] = []
                for record in records {
                    let id = try #require(record["request_id"] as? String)
                    let truth = try #require(server.truth(requestID: id))
                    let prefill = Double(try #require(truth.prefillNanoseconds)) / 1e6
                    let decode = Double(try #require(truth.decodeNanoseconds)) / 1e6
                    let prompt = try #require(record["timings_prompt_ms"] as? Double)
                    let tpot = try #require(record["timings_tpot_ms"] as? Double)
                    #expect(abs(prompt - prefill) < 0.001, "timings_prompt_ms is the server's prefill")
                    #expect(abs(tpot - decode / 8) < 0.001, "timings_tpot_ms is the decode over 8 steps")
                    #expect(record["cached_tokens"] as? Int == 0)
                    prompts.append(prompt)
                    perToken.append(tpot)
                }
                let summary = try #require(report.cases.first)
                let mean = { (values: [Double]) in values.reduce(0, +) / Double(values.count) }
                #expect(abs((summary.latency[.timingsPrompt]?.mean ?? 0) - mean(prompts)) < 0.001)
                #expect(abs((summary.latency[.timingsTPOT]?.mean ?? 0) - mean(perToken)) < 0.001)
                #expect(summary.serverTimings.cachedPromptTokenRate == 0)
                let outside = try #require(summary.serverTimings.timeToFirstTokenOutsidePromptMilliseconds)
                #expect(outside >= 0, "the client's TTFT holds the server's prefill")
            }
        }
    }

    @Test func aServerWithoutTimingsLeavesTheirColumnsEmpty() async throws {
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: deterministicSimulator) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 2)
                config.cases = [BenchmarkCase(inputTokens: 12, outputTokens: 5)]
                config.saveFormat = .jsonl
                let report = try await BenchmarkRunner(config: config).run()
                let records = try jsonObjects(ofFile: report.files.requests)
                #expect(records.allSatisfy { $0["timings_prompt_ms"] is NSNull && $0["timings_tpot_ms"] is NSNull })
                let row = try #require(try jsonObjects(ofFile: report.files.results).first)
                #expect(row["timings_tpot_mean_ms"] is NSNull)
                #expect(row["ttft_minus_timings_prompt_mean_ms"] is NSNull)
            }
        }
    }
}
