import Testing

@testable import LLMBench

/// Each engine's exposition is recognised and read in the one vocabulary.
struct ServerVocabularyTests {
    typealias Fixtures = ServerMetricsFixtures

    @Test func recognisesEachEngineByItsNames() throws {
        let expositions: [(String, ServerVocabulary.Engine)] = [
            (Fixtures.vllm(), .vllm), (Fixtures.sglangStart, .sglang),
            (
                Fixtures.tgi(
                    success: 1,
                    inputSum: 1,
                    generatedSum: 1,
                    perToken: (1, 1, 0.01),
                    duration: 1,
                    queue: 0,
                    batch: 0,
                    queued: 0
                ), .tgi
            ),
            (
                Fixtures.llamacpp(
                    prompt: 1,
                    promptSeconds: 0.1,
                    predicted: 1,
                    predictedSeconds: 0.1,
                    kvCache: 0,
                    processing: 0
                ), .llamacpp
            ),
        ]
        for (text, engine) in expositions {
            let names = try MetricExposition(parsing: text).samples.map(\.name)
            #expect(ServerVocabulary.recognising(names)?.engine == engine)
        }
        #expect(ServerVocabulary.recognising(["process_cpu_seconds_total", "http_requests_total"]) == nil)
    }

    @Test func everyEngineDeclaresTheHistogramsItHasUnderItsOwnPrefix() {
        for vocabulary in ServerVocabulary.known {
            let names =
                vocabulary.requestsFinished + vocabulary.promptTokens + vocabulary.generationTokens
                + vocabulary.promptSeconds + vocabulary.generationSeconds + vocabulary.histograms.values.flatMap { $0 }
                + vocabulary.kvCacheUsage + vocabulary.requestsRunning + vocabulary.requestsWaiting
                + vocabulary.preemptions + vocabulary.prefixCacheHits + vocabulary.prefixCacheQueries
                + vocabulary.prefixCacheHitRate
            #expect(names.allSatisfy { $0.hasPrefix(vocabulary.prefix) }, "\(vocabulary.engine)")
            #expect(!vocabulary.promptTokens.isEmpty && !vocabulary.generationTokens.isEmpty)
        }
    }

    @Test func readsVLLMsV1Names() throws {
        let figures = ServerCaseFigures(scrapes: try Fixtures.vllmCase(), client: Fixtures.vllmClient)
        #expect(figures.engine == .vllm)
        #expect(figures.notes.isEmpty)
        #expect(figures.requestsFinished == 4, "summed over finished_reason")
        #expect(figures.promptTokens == 512)
        #expect(figures.generationTokens == 256)
        let ttft = try #require(figures.latency[.ttft])
        #expect(abs(try #require(ttft.mean) - 300) < 1e-9, "2.4 s over 8 observations")
        // window buckets 1, 4, 7, 8: rank 4 tops (0.01, 0.1]; rank 7.92 is in +Inf
        #expect(abs(try #require(ttft.p50) - 100) < 1e-9)
        #expect(ttft.p99 == 1000)
        #expect(Set(figures.latency.keys) == Set(ServerVocabulary.Histogram.allCases))
        #expect(figures.preemptions == 2)
        #expect(figures.prefixCacheHitRate == 0.75, "384 hits of 512 queried tokens")
        #expect(figures.kvCacheUsageMax == 0.5)
        #expect(abs(try #require(figures.kvCacheUsageMean) - 0.225) < 1e-12)
        #expect(figures.requestsRunningMax == 5)
        #expect(figures.requestsWaitingMax == 2)
        #expect(figures.promptTokensDifference == 0)
        #expect(figures.generationTokensDifference == 6)
        #expect(figures.requestsFinishedDifference == 0)
    }

    @Test func readsOlderVLLMNamesWhereTheNewOnesAreMissing() throws {
        let old = { (usage: Double, tpot: Int) in
            """
            # TYPE vllm:gpu_cache_usage_perc gauge
            vllm:gpu_cache_usage_perc{model_name="m"} \(usage)
            # TYPE vllm:gpu_prefix_cache_hit_rate gauge
            vllm:gpu_prefix_cache_hit_rate{model_name="m"} 0.5
            # TYPE vllm:time_per_output_token_seconds histogram
            vllm:time_per_output_token_seconds_bucket{le="0.02",model_name="m"} \(tpot)
            vllm:time_per_output_token_seconds_bucket{le="+Inf",model_name="m"} \(tpot)
            vllm:time_per_output_token_seconds_sum{model_name="m"} \(Double(tpot) * 0.01)
            vllm:time_per_output_token_seconds_count{model_name="m"} \(tpot)

            """
        }
        let figures = ServerCaseFigures(
            scrapes: try Fixtures.scrapes([old(0.2, 10), old(0.6, 30)]),
            client: Fixtures.vllmClient
        )
        #expect(figures.kvCacheUsageMax == 0.6)
        #expect(figures.prefixCacheHitRate == 0.5)
        #expect(abs(try #require(figures.latency[.itl]?.mean) - 10) < 1e-9)
        #expect(figures.latency[.tpot] == nil)
    }

    @Test func readsSGLang() throws {
        let figures = ServerCaseFigures(
            scrapes: try Fixtures.scrapes([Fixtures.sglangStart, Fixtures.sglangEnd]),
            client: .init(requestsFinished: 4, requestsWithOutput: 4, promptTokens: 300, outputTokens: 400)
        )
        #expect(figures.engine == .sglang)
        #expect(figures.requestsFinished == 4)
        #expect(figures.promptTokens == 300)
        #expect(figures.generationTokens == 400)
        let ttft = try #require(figures.latency[.ttft])
        #expect(ttft.mean == 250)
        // window buckets 2, 4, 4: rank 2 tops (0, 0.1]; rank 3.96 in (0.1, 0.5]: 0.1 + 0.4 × 1.96 / 2
        #expect(abs(try #require(ttft.p50) - 100) < 1e-9)
        #expect(abs(try #require(ttft.p99) - 492) < 1e-9)
        #expect(figures.kvCacheUsageMax == 0.3)
        #expect(abs(try #require(figures.kvCacheUsageMean) - 0.2) < 1e-12)
        #expect(abs(try #require(figures.prefixCacheHitRate) - 0.3) < 1e-12, "the mean of the gauge")
        #expect(figures.requestsRunningMax == 4)
        #expect(figures.requestsWaitingMax == 1)
        #expect(figures.preemptions == nil, "SGLang exposes none")
    }

    @Test func readsTGI() throws {
        let start = Fixtures.tgi(
            success: 3,
            inputSum: 150,
            generatedSum: 60,
            perToken: (0, 3, 0.09),
            duration: 3,
            queue: 0.03,
            batch: 0,
            queued: 0
        )
        let end = Fixtures.tgi(
            success: 5,
            inputSum: 250,
            generatedSum: 100,
            perToken: (1, 5, 0.15),
            duration: 5,
            queue: 0.05,
            batch: 2,
            queued: 1
        )
        let figures = ServerCaseFigures(
            scrapes: try Fixtures.scrapes([start, end]),
            client: .init(requestsFinished: 2, requestsWithOutput: 2, promptTokens: 100, outputTokens: 40)
        )
        #expect(figures.engine == .tgi)
        #expect(figures.requestsFinished == 2)
        #expect(figures.promptTokens == 100)
        #expect(figures.generationTokens == 40)
        let tpot = try #require(figures.latency[.tpot])
        #expect(abs(try #require(tpot.mean) - 30) < 1e-9)
        #expect(abs(try #require(tpot.p50) - 10) < 1e-9, "rank 1 tops (0, 0.01]")
        #expect(abs(try #require(figures.latency[.e2e]?.mean) - 1000) < 1e-9)
        #expect(figures.latency[.e2e]?.p50 == nil, "a summary has no buckets")
        #expect(abs(try #require(figures.latency[.queue]?.mean) - 10) < 1e-9)
        #expect(figures.latency[.ttft] == nil)
        #expect(figures.requestsRunningMax == 2)
        #expect(figures.requestsWaitingMax == 1)
        #expect(figures.kvCacheUsageMax == nil)
    }

    @Test func readsLlamaCppsTimeCountersAsPerTokenFigures() throws {
        let start = Fixtures.llamacpp(
            prompt: 100,
            promptSeconds: 0.5,
            predicted: 200,
            predictedSeconds: 4,
            kvCache: 0,
            processing: 0
        )
        let end = Fixtures.llamacpp(
            prompt: 300,
            promptSeconds: 1.5,
            predicted: 600,
            predictedSeconds: 12,
            kvCache: 0.25,
            processing: 1
        )
        let figures = ServerCaseFigures(
            scrapes: try Fixtures.scrapes([start, end]),
            client: .init(requestsFinished: 2, requestsWithOutput: 2, promptTokens: 200, outputTokens: 400)
        )
        #expect(figures.engine == .llamacpp)
        #expect(figures.requestsFinished == nil, "llama.cpp counts no finished requests")
        #expect(figures.promptTokens == 200)
        #expect(figures.generationTokens == 400)
        #expect(
            figures.latency[.tpot] == ServerCaseFigures.Latency(mean: 8000 / 398),
            "8 s over 400 tokens of 2 requests: 398 decode steps"
        )
        #expect(figures.promptTimePerTokenMilliseconds == 5, "1 s over 200 tokens")
        #expect(figures.kvCacheUsageMax == 0.25)
        #expect(figures.kvCacheUsageMean == 0.125)
        #expect(figures.requestsRunningMax == 1)
    }
}
