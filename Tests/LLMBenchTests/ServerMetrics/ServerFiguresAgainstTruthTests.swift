import Foundation
import LLMBenchSimulator
import Testing

@testable import LLMBench

/// A run against the simulator, whose `/metrics` the engine reads by itself (`server_metrics`
/// absent: the base URL's root): every server figure of the case against the simulator's truth
/// of the same requests, warm-up ones included, as the window of the scrapes holds them.
struct ServerFiguresAgainstTruthTests {
    @Test func theCasesServerFiguresAreTheSimulatorsTruth() async throws {
        var options = SimulatorOptions(
            latency: LatencyModel(
                baseTimeToFirstTokenMilliseconds: 6,
                prefillTokensPerSecond: 20_000,
                interTokenMilliseconds: 10,
                interTokenMillisecondsPerActiveSequence: 0.1,
                maxConcurrentSequences: 3,
                jitterFraction: 0.2
            )
        )
        options.kvCacheCapacityTokens = 1_000
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: options) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 2, concurrency: 5)
                config.cases = [BenchmarkCase(inputTokens: 24, outputTokens: 11)]
                config.load.warmup = 3
                config.serverMetrics.intervalMilliseconds = 100
                let report = try await BenchmarkRunner(config: config).run()
                let summary = try #require(report.cases.first)
                let figures = try #require(summary.serverFigures)
                let ids = try jsonObjects(ofFile: report.files.requests).compactMap { $0["request_id"] as? String }
                let truths = try ids.map { id in try #require(server.truth(requestID: id)) }
                #expect(truths.count == 13, "the 10 counted requests and the 3 warm-up ones")
                #expect(summary.successfulRequests == 10)

                #expect(figures.engine == .vllm)
                #expect(figures.requestsFinished == Double(truths.count))
                #expect(figures.promptTokens == Double(truths.reduce(0) { $0 + $1.promptTokens }))
                #expect(figures.generationTokens == Double(truths.reduce(0) { $0 + $1.completionTokens }))
                #expect(figures.promptTokensDifference == 0, "the server's count is the client's")
                #expect(figures.generationTokensDifference == 0)
                #expect(figures.requestsFinishedDifference == 0)

                func mean(_ values: [UInt64?]) -> Double {
                    let known = values.compactMap { $0 }
                    return Double(known.reduce(0, +)) / Double(known.count) / 1e6
                }
                let expected: [(ServerVocabulary.Histogram, Double)] = [
                    (.ttft, mean(truths.map(\.timeToFirstTokenNanoseconds))),
                    (.queue, mean(truths.map(\.queueNanoseconds))),
                    (.prefill, mean(truths.map(\.prefillNanoseconds))),
                    (.decode, mean(truths.map(\.decodeNanoseconds))),
                    (.e2e, mean(truths.map(\.endToEndNanoseconds))),
                ]
                for (histogram, truth) in expected {
                    let measured = try #require(figures.latency[histogram]?.mean, "\(histogram)")
                    #expect(abs(measured - truth) < 1e-6 * max(1, truth), "\(histogram): \(measured) against \(truth)")
                    let p50 = try #require(figures.latency[histogram]?.p50, "\(histogram) has a bucket estimate")
                    #expect(p50 > 0)
                }
                #expect(figures.requestsRunningMax.map { $0 <= 3 } == true, "at most 3 sequences at once")
                #expect(figures.kvCacheUsageMax.map { (0...1).contains($0) } == true)
                #expect(figures.preemptions == 0)
                #expect(figures.notes.isEmpty, "the case lasts several intervals: \(figures.notes)")
            }
        }
    }
}
