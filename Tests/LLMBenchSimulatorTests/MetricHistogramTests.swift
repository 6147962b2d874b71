import Testing

@testable import LLMBenchSimulator

struct MetricHistogramTests {
    @Test func aValueOnABoundCountsInThatBucketAndAboveAllInInfinity() {
        var histogram = MetricHistogram(upperBounds: [0.1, 1])
        histogram.observe(0.1)
        histogram.observe(0.5, times: 2)
        histogram.observe(7)
        histogram.observe(3, times: 0)
        #expect(histogram.cumulativeCounts == [1, 3, 4])
        #expect(histogram.count == 4)
        #expect(abs(histogram.sum - 8.1) < 1e-12)
    }

    @Test func tokenCountBucketsFollowVLLMsOneTwoFiveUpToTheContextLength() {
        #expect(MetricHistogram.tokenCountBounds(upTo: 100) == [1, 2, 5, 10, 20, 50, 100])
        #expect(MetricHistogram.tokenCountBounds(upTo: 32_768).last == 20_000)
        #expect(MetricHistogram.tokenCountBounds(upTo: 0).isEmpty)
    }

    @Test func theFirstEventCountsThePromptAndLaterOnesTheirGapsPerToken() {
        var metrics = SimulatorMetrics(maxModelLength: 100)
        metrics.recordAdmission(promptTokens: 4, queried: 4, hits: 0)
        metrics.recordTokens(GeneratedTokens(count: 2, nanoseconds: 30), promptTokens: 4, receivedNanoseconds: 10)
        metrics.recordTokens(
            GeneratedTokens(count: 2, nanoseconds: 70, previousNanoseconds: 30),
            promptTokens: 4,
            receivedNanoseconds: 10
        )
        #expect(metrics.promptTokens == 4 && metrics.generationTokens == 4 && metrics.heldTokens == 8)
        #expect(metrics.timeToFirstToken.count == 1 && metrics.timeToFirstToken.sum == 20e-9)
        #expect(metrics.interTokenLatency.count == 2 && abs(metrics.interTokenLatency.sum - 40e-9) < 1e-18)
        var truth = RequestTruth(
            requestID: "r",
            path: "/v1/completions",
            promptTokens: 4,
            maxTokens: 4,
            receivedNanoseconds: 10
        )
        truth.completionTokens = 4
        truth.outcome = "length"
        truth.admittedNanoseconds = 15
        truth.firstTokenNanoseconds = 30
        truth.lastTokenNanoseconds = 70
        truth.endedNanoseconds = 70
        metrics.recordEnd(truth)
        #expect(metrics.heldTokens == 0)
        #expect(metrics.successes == [0, 1, 0])
        #expect(metrics.queue.sum == 5e-9 && metrics.prefill.sum == 15e-9 && metrics.decode.sum == 40e-9)
        #expect(metrics.endToEnd.sum == 60e-9)
    }
}
