import Foundation
import LLMBenchSimulator
import NIOCore
import Testing

@testable import LLMBench

/// Servers that send several tokens per event: the packing is reported, and with
/// `continuous_usage_stats` the inter-token gaps are also given per token.
struct PackedEventsTests {
    static func run(continuousUsageStats: Bool) async throws -> (CaseSummary, [String]) {
        var options = SimulatorOptions(
            latency: .deterministic(timeToFirstTokenMilliseconds: 2, interTokenMilliseconds: 1)
        )
        options.tokensPerEvent = 4
        return try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: options) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 3)
                config.cases = [BenchmarkCase(inputTokens: 8, outputTokens: 20)]
                config.continuousUsageStats = continuousUsageStats
                let report = try await BenchmarkRunner(config: config).run()
                return (try #require(report.cases.first), try lines(ofFile: report.files.requests))
            }
        }
    }

    @Test func perTokenGapsSplitEachEventsGapOverItsTokens() async throws {
        let (summary, records) = try await Self.run(continuousUsageStats: true)
        #expect(summary.failedRequests == 0)
        #expect(summary.tokensPerEvent == 4)
        let perEvent = try #require(summary.latency[.itl])
        let perToken = try #require(summary.latency[.itlToken])
        // 20 tokens in 5 events: 4 gaps per request between events, 16 per token.
        #expect(perEvent.count == 3 * 4)
        #expect(perToken.count == 3 * 16)
        #expect(abs(perToken.mean * 4 - perEvent.mean) < 1e-5)
        #expect(records.allSatisfy { $0.contains("\"itl_token_ms\":[") })
        #expect(ConsoleSummary.caseBlock(summary).contains("ITL/token"))
    }

    @Test func withoutPerChunkUsageOnlyThePackingIsReported() async throws {
        let (summary, records) = try await Self.run(continuousUsageStats: false)
        #expect(summary.tokensPerEvent == 4)
        #expect(summary.latency[.itlToken] == nil)
        #expect(!records.contains { $0.contains("itl_token_ms") })
        let block = ConsoleSummary.caseBlock(summary)
        #expect(!block.contains("ITL/token"))
        #expect(block.contains("the server sent 4.00 tokens per event"))
    }

    @Test func theRunningTokenCountOfEachChunkGivesItsTokens() {
        var timeline = StreamTimeline(sendNanoseconds: 0)
        timeline.recordTokenEvent(at: 100, tokensSoFar: 1)
        timeline.recordTokenEvent(at: 110, tokensSoFar: 3)
        timeline.recordTokenEvent(at: 113, tokensSoFar: 4)
        timeline.recordTokenEvent(at: 120, tokensSoFar: nil)
        #expect(Array(timeline.interTokenNanoseconds) == [10, 3, 7])
        #expect(Array(timeline.perTokenGapNanoseconds) == [5, 5, 3])
        timeline.recordTokenEvent(at: 130, tokensSoFar: 4 + 1_000_000_000)
        #expect(timeline.perTokenGapNanoseconds.count == 3, "an absurd count jump is not expanded")
    }

    @Test func theRequestAsksForUsageInEveryChunkOnlyWhenConfigured() {
        let address = ServerAddress(parsing: "http://127.0.0.1:8000/v1")!
        var factory = RequestFactory(address: address, apiKey: nil, extraHeaders: [:], model: "m")
        let plain = String(buffer: factory.streamingCompletionBody(prompt: "xin chào", maxTokens: 4))
        #expect(plain.contains(#""stream_options":{"include_usage":true}"#))
        factory.continuousUsageStats = true
        let continuous = String(buffer: factory.streamingCompletionBody(prompt: "xin chào", maxTokens: 4))
        #expect(continuous.contains(#""stream_options":{"include_usage":true,"continuous_usage_stats":true}"#))
    }
}
