import Testing

@testable import LLMBench

struct LengthHistogramTests {
    @Test func usesOneTokenBinsForNarrowSpreads() {
        let histogram = LengthHistogram([("a", [128, 128, 130]), ("b", [129]), ("empty", [])])
        #expect(histogram.lower == 128)
        #expect(histogram.width == 1)
        #expect(histogram.series.map(\.name) == ["a", "b"])
        #expect(histogram.series.map(\.counts) == [[2, 0, 1], [0, 1, 0]])
    }

    @Test func usesNiceWidthsForWideSpreadsAndEveryValueCounts() {
        let values = (0..<1000).map { 37 + ($0 * 613) % 4000 }
        let histogram = LengthHistogram([("asked", values)], maximumBins: 40)
        #expect(histogram.width == 100)
        #expect(histogram.lower == 0)
        #expect(histogram.binCount <= 41)
        #expect(histogram.series[0].counts.reduce(0, +) == values.count)
        #expect(values.allSatisfy { $0 >= histogram.lower && $0 < histogram.binStart(histogram.binCount) })
    }

    @Test func comparesAskedLengthsWithTheServersAndTheClientsCounts() {
        let records = [
            ReportFixtures.record(index: 0, sendSeconds: 0, serverInputTokens: 130, serverOutputTokens: 6),
            ReportFixtures.record(index: 1, sendSeconds: 1, serverInputTokens: nil, serverOutputTokens: 4),
            ReportFixtures.record(index: 2, sendSeconds: 2, isSuccess: false),
        ]
        let prompts = LengthHistogram.promptLengths(of: records)
        #expect(prompts.map(\.values) == [[128, 128, 128], [130]])
        let outputs = LengthHistogram.outputLengths(of: records)
        #expect(outputs.map(\.values) == [[4, 4, 4], [6, 4], [4, 4]])
    }
}
