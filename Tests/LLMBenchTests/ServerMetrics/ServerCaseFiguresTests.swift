import Testing

@testable import LLMBench

/// A case's server figures from the deltas of its scrapes: sources and series summed, gauges per
/// round, restarts and unknown servers leaving figures empty with a reason.
struct ServerCaseFiguresTests {
    typealias Fixtures = ServerMetricsFixtures

    @Test func countersAndHistogramsAddUpOverSources() throws {
        let figures = ServerCaseFigures(
            scrapes: try Fixtures.vllmCase(source: 0) + Fixtures.vllmCase(source: 1),
            client: Fixtures.vllmClient
        )
        #expect(figures.requestsFinished == 8)
        #expect(figures.promptTokens == 1024)
        #expect(figures.generationTokens == 512)
        #expect(figures.preemptions == 4)
        let ttft = try #require(figures.latency[.ttft])
        #expect(abs(try #require(ttft.mean) - 300) < 1e-9, "the mean of both")
        #expect(abs(try #require(ttft.p50) - 100) < 1e-9)
        #expect(figures.prefixCacheHitRate == 0.75)
    }

    @Test func gaugesAddUpOverSourcesPerRoundAndFractionsAverage() throws {
        let rounds = [(5, 0.5), (3, 0.3)]
        let scrapes = try rounds.enumerated().flatMap { round, values in
            try [
                Fixtures.scrape(Fixtures.vllm(running: values.0, kvCache: values.1), source: 0, round: round),
                Fixtures.scrape(Fixtures.vllm(running: 1, kvCache: 0.1), source: 1, round: round),
            ]
        }
        let figures = ServerCaseFigures(scrapes: scrapes, client: Fixtures.vllmClient)
        #expect(figures.requestsRunningMax == 6, "5 + 1 in the first round")
        #expect(abs(try #require(figures.kvCacheUsageMax) - 0.3) < 1e-12, "(0.5 + 0.1) / 2")
        #expect(abs(try #require(figures.kvCacheUsageMean) - 0.25) < 1e-12, "(0.3 + 0.2) / 2")
    }

    @Test func aCounterThatWentDownLeavesItsFigureEmptyWithAReason() throws {
        let figures = ServerCaseFigures(
            scrapes: try Fixtures.scrapes([
                Fixtures.vllm(prompt: 1000, generation: 50, buckets: [0, 5, 9, 9], sum: 3),
                Fixtures.vllm(prompt: 10, generation: 80, buckets: [0, 1, 1, 1], sum: 0.05),
            ]),
            client: Fixtures.vllmClient
        )
        #expect(figures.promptTokens == nil)
        #expect(figures.generationTokens == 30, "other counters still count")
        #expect(figures.latency[.ttft] == nil)
        #expect(figures.notes.contains { $0.contains("vllm:prompt_tokens_total went down") })
        #expect(figures.notes.contains { $0.contains("vllm:time_to_first_token_seconds went down") })
    }

    @Test func aSeriesThatVanishedIsAReset() throws {
        let start = "vllm:prompt_tokens_total{engine=\"0\"} 5\nvllm:prompt_tokens_total{engine=\"1\"} 7\n"
        let end = "vllm:prompt_tokens_total{engine=\"0\"} 9\n"
        let figures = ServerCaseFigures(scrapes: try Fixtures.scrapes([start, end]), client: Fixtures.vllmClient)
        #expect(figures.promptTokens == nil)
        #expect(!figures.notes.isEmpty)
    }

    @Test func aSeriesThatAppearedCountsFromZero() throws {
        let start = "vllm:request_success_total{finished_reason=\"stop\"} 2\n"
        let end = start + "vllm:request_success_total{finished_reason=\"length\"} 3\n"
        let figures = ServerCaseFigures(scrapes: try Fixtures.scrapes([start, end]), client: Fixtures.vllmClient)
        #expect(figures.requestsFinished == 3)
    }

    @Test func theStartAndEndScrapesBoundTheDeltaWhateverTheirOrder() throws {
        var scrapes = try Fixtures.vllmCase()
        scrapes.reverse()
        let figures = ServerCaseFigures(scrapes: scrapes, client: Fixtures.vllmClient)
        #expect(figures.promptTokens == 512)
    }

    @Test func gaugesAreReadWhileTheCaseRunsNotAtItsIdleStartAndEnd() throws {
        let idle = Fixtures.vllm(running: 0, kvCache: 0)
        let around = try Fixtures.scrapes(
            [idle, Fixtures.vllm(running: 5, kvCache: 0.5), Fixtures.vllm(running: 3, kvCache: 0.3), idle],
            moments: .aroundTheCase
        )
        let figures = ServerCaseFigures(scrapes: around, client: Fixtures.vllmClient)
        #expect(figures.requestsRunningMax == 5)
        #expect(abs((figures.kvCacheUsageMean ?? 0) - 0.4) < 1e-12, "the mean of the two rounds during the case")
        #expect(figures.notes.isEmpty)
        let startAndEnd = ServerCaseFigures(
            scrapes: try Fixtures.scrapes([idle, idle], moments: .aroundTheCase),
            client: Fixtures.vllmClient
        )
        #expect(startAndEnd.requestsRunningMax == nil && startAndEnd.kvCacheUsageMax == nil)
        #expect(startAndEnd.notes.contains { $0.contains("no scrape fell within the case") })
    }

    @Test func oneScrapeGivesGaugesButNoDeltas() throws {
        let figures = ServerCaseFigures(
            scrapes: [try Fixtures.scrape(Fixtures.vllm(prompt: 10, running: 3), round: 0, moment: .interval)],
            client: Fixtures.vllmClient
        )
        #expect(figures.engine == .vllm)
        #expect(figures.promptTokens == nil)
        #expect(figures.latency.isEmpty)
        #expect(figures.requestsRunningMax == 3)
        #expect(figures.notes.contains { $0.contains("no source was scraped twice") })
    }

    @Test func anUnknownServerHasNoFigures() throws {
        let text = "# TYPE http_requests_total counter\nhttp_requests_total{code=\"200\"} 7\n"
        let figures = ServerCaseFigures(scrapes: try Fixtures.scrapes([text, text]), client: Fixtures.vllmClient)
        #expect(figures.engine == .unknown)
        #expect(figures.requestsFinished == nil && figures.promptTokens == nil && figures.generationTokens == nil)
        #expect(figures.latency.isEmpty && figures.kvCacheUsageMax == nil && figures.requestsRunningMax == nil)
        #expect(figures.notes.isEmpty, "nothing is incomplete: the engine is not known")
    }

    @Test func clientCountsCoverEveryRecord() {
        var unreported = successfulRecord(index: 2)
        unreported.inputTokensReported = nil
        let failed = timedRecord(ttft: 5, gaps: [1], tokens: nil, failed: true)
        let counts = ServerCaseFigures.ClientCounts(
            records: [successfulRecord(index: 0), successfulRecord(index: 1), unreported, failed]
        )
        #expect(counts.requestsFinished == 3)
        #expect(counts.requestsWithOutput == 4)
        #expect(counts.promptTokens == 256, "the prompt tokens the server reported")
        #expect(counts.outputTokens == 4 * 3 + 2)
        #expect(ServerCaseFigures.ClientCounts(records: [failed]).promptTokens == nil)
    }
}
