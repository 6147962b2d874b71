import Foundation
import LLMBenchSimulator
import Testing

@testable import LLMBench

/// The engine against the simulator over real sockets, and the figures against its own truth.
struct EndToEndTests {

    @Test func everyRequestSucceedsWithExactTokenCountsAndFilesAreComplete() async throws {
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: deterministicSimulator) { server in
                let config = benchmarkConfig(server: server, directory: directory)
                let report = try await BenchmarkRunner(config: config).run()
                #expect(report.failedRequests == 0)
                #expect(report.successfulRequests == 2 * 2 * 8)
                for (summary, benchmarkCase) in zip(report.cases, config.cases) {
                    #expect(summary.successfulRequests == 16)
                    #expect(summary.meanOutputTokensServer == Double(benchmarkCase.outputTokens))
                    #expect(summary.meanTokenEvents == Double(benchmarkCase.outputTokens))
                    #expect(summary.shortOutputRequests == 0)
                    #expect(summary.latency[.itl]?.count == 16 * (benchmarkCase.outputTokens - 1))
                }

                let csv = try lines(ofFile: report.files.results)
                #expect(csv.count == 3)
                #expect(
                    csv[0].hasPrefix(
                        "@timestamp,model,input_tokens,output_tokens,runs,num_concurrent_requests,TTFT (ms),TPOT (ms),Throughput (TPS),successful_requests,failed_requests,ttft_p50_ms"
                    )
                )
                #expect(csv[1].hasPrefix("20") && csv[1].contains(",llm-bench-sim,16,20,2,8,"))

                let records = try jsonObjects(ofFile: report.files.requests)
                #expect(records.count == 32)
                #expect(records.allSatisfy { $0["status"] as? String == "ok" })
                let ids = Set(records.compactMap { $0["request_id"] as? String })
                #expect(ids.count == 32)

                let summary = try #require(
                    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report.files.summary)))
                        as? [String: Any]
                )
                let definitions = try #require(summary["definitions"] as? [String: String])
                #expect(definitions["ttft"] != nil && definitions["tpot_request"] != nil && definitions["itl"] != nil)
                #expect((summary["cases"] as? [Any])?.count == 2)
            }
        }
    }

    /// Causality against the simulator's own write stamps (same monotonic clock): each event is
    /// seen after the server wrote it. How close the stamps come is the harness's to measure, in
    /// release builds on a quiet machine (`scripts/bench-client.sh`), not a unit test's.
    @Test func clientTimingsNeverPrecedeTheSimulatorsRecordedTruth() async throws {
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: deterministicSimulator) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 16)
                config.cases = [BenchmarkCase(inputTokens: 8, outputTokens: 30)]
                let report = try await BenchmarkRunner(config: config).run()
                let records = try jsonObjects(ofFile: report.files.requests)
                #expect(records.count == 16)
                for record in records {
                    let id = try #require(record["request_id"] as? String)
                    let truth = try #require(server.truth(requestID: id))
                    let gaps = try #require(record["itl_ms"] as? [Double])
                    #expect(truth.eventNanoseconds.count == 30)
                    #expect(gaps.count == 29)
                    let ttft = try #require(record["ttft_ms"] as? Double)
                    let send = try #require(record["send_clock_ns"] as? Int)
                    var seen = ttft
                    let written = truth.eventNanoseconds.map { Double(Int($0) - send) / 1e6 }
                    #expect(seen >= written[0] - 0.001, "the first token is not seen before the server wrote it")
                    for (gap, writtenAt) in zip(gaps, written.dropFirst()) {
                        seen += gap
                        #expect(
                            seen >= writtenAt - 0.02,
                            "no event is seen before the server wrote it (µs rounding aside)"
                        )
                    }
                }
            }
        }
    }

    @Test func retriesTransientServerErrorsAndCountsAttempts() async throws {
        var options = deterministicSimulator
        options.faults = .only(.http503, firstRequests: 3)
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: options) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 4)
                config.cases = [BenchmarkCase(inputTokens: 8, outputTokens: 5)]
                config.retry = RetryPolicy(maxRetries: 3, backoffMilliseconds: [1, 2, 4])
                let report = try await BenchmarkRunner(config: config).run()
                let summary = try #require(report.cases.first)
                #expect(summary.failedRequests == 0)
                #expect(summary.attempts == 4 + 3)
                #expect(summary.retriedRequests >= 1)
            }
        }
    }

    @Test func aRequestThatKeepsFailingIsRecordedWithItsClassAndTheBenchmarkGoesOn() async throws {
        var options = deterministicSimulator
        options.faults = .only(.http500, firstRequests: 4)
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: options) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 2, concurrency: 1)
                config.cases = [BenchmarkCase(inputTokens: 8, outputTokens: 5)]
                config.retry = RetryPolicy(maxRetries: 3, backoffMilliseconds: [1])
                let report = try await BenchmarkRunner(config: config).run()
                let summary = try #require(report.cases.first)
                #expect(summary.failedRequests == 1)
                #expect(summary.successfulRequests == 1)
                #expect(summary.failuresByKind == [.http5xx: 1])
                #expect(summary.attempts == 5)
                let records = try jsonObjects(ofFile: report.files.requests)
                let failed = try #require(records.first { $0["status"] as? String == "failed" })
                #expect(failed["error_kind"] as? String == "http_5xx")
                #expect(failed["http_status"] as? Int == 500)
                #expect(failed["attempts"] as? Int == 4)
            }
        }
    }

    @Test func theAPIKeyIsSentButNeverWrittenAnywhere() async throws {
        let secret = "sk-planted-\(UUID().uuidString)"
        var options = deterministicSimulator
        options.apiKey = secret
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: options) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 2)
                config.apiKey = APIKey(secret)
                config.headers = ["X-Gateway-Token": secret]
                let report = try await BenchmarkRunner(config: config).run()
                #expect(report.failedRequests == 0)
                let files = try #require(FileManager.default.subpathsOfDirectory(atPath: directory) as [String]?)
                var checked = 0
                for file in files {
                    guard let text = try? String(contentsOfFile: directory + "/" + file, encoding: .utf8) else {
                        continue
                    }
                    checked += 1
                    #expect(!text.contains(secret), "\(file) contains the API key")
                }
                #expect(checked >= 4)
            }
        }
    }

    @Test func aWrongAPIKeyStopsTheBenchmarkBeforeAnythingIsMeasured() async throws {
        var options = deterministicSimulator
        options.apiKey = "right"
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: options) { server in
                var config = benchmarkConfig(server: server, directory: directory)
                config.apiKey = APIKey("wrong-key-value")
                await #expect {
                    try await BenchmarkRunner(config: config).run()
                } throws: { error in
                    guard case BenchmarkError.unreachable(let message) = error else { return false }
                    return message.contains("401") && !message.contains("wrong-key-value")
                }
            }
        }
    }
}
