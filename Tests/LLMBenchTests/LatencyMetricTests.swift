import Foundation
import Testing

@testable import LLMBench

/// `LatencyMetric`, the one declaration every output iterates, and `CaseSummary` built whole.
struct LatencyMetricTests {
    /// `LLM_BENCH_WRITE_GOLDEN=PATH` writes the outputs to PATH when they differ, to review and commit.
    @Test func everyOutputOfACaseWithEveryMetricIsByteForByteItsGoldenFile() throws {
        let url = try #require(
            Bundle.module.url(forResource: "latency-metrics", withExtension: "txt", subdirectory: "Fixtures/outputs")
        )
        let golden = try String(contentsOf: url, encoding: .utf8)
        let outputs = OutputFixture.outputs(rate: OutputFixture.rateSummary, waves: OutputFixture.wavesSummary)
        let pairs = zip(
            golden.split(separator: "\n", omittingEmptySubsequences: false),
            outputs.split(separator: "\n", omittingEmptySubsequences: false)
        )
        for (line, (expected, actual)) in pairs.enumerated() where expected != actual {
            Issue.record("line \(line + 1):\n expected \(expected)\n actual   \(actual)")
        }
        #expect(outputs == golden)
        if outputs != golden, let path = ProcessInfo.processInfo.environment["LLM_BENCH_WRITE_GOLDEN"] {
            try outputs.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    @Test func everyMetricHasResultColumnsNamedAfterItsPrefix() {
        for metric in LatencyMetric.allCases {
            let names = metric.rowColumns.flatMap(\.statistics).map { "\(metric.columnPrefix)_\($0.columnSuffix)" }
            #expect(!names.isEmpty, "\(metric)")
            #expect(names.allSatisfy(ResultRow.columns.contains), "\(metric)")
        }
    }

    @Test func everyMetricIsDefinedInTheSummaryOnce() {
        let names = MetricDefinitions.all.map(\.name)
        #expect(Set(names).count == names.count)
        for metric in LatencyMetric.allCases {
            #expect(!metric.definitions.isEmpty, "\(metric)")
            #expect(metric.definitions.allSatisfy { names.contains($0.name) && !$0.definition.isEmpty }, "\(metric)")
        }
    }

    @Test func aSummaryHasADistributionForEachMetricThatHasValues() {
        let summary = OutputFixture.rateSummary
        #expect(Set(summary.latency.keys) == Set(LatencyMetric.allCases))
        #expect(summary.latency[.connect]?.count == 2, "failed requests' connects count")
        #expect(summary.latency[.scheduleLag]?.count == 4, "every request's start lag counts")
        #expect(summary.latency[.intendedTTFT]?.count == 3, "successful requests only")
        let waves = OutputFixture.wavesSummary
        #expect(waves.latency[.itlToken] == nil && waves.latency[.scheduleLag] == nil)
    }

    @Test func aSummaryTakesItsLoadFiguresFromThePointNotFromPatches() {
        let rate = OutputFixture.rateSummary
        #expect(rate.load.mode == "rate")
        #expect(rate.concurrency == Int((rate.load.meanConcurrency ?? 0).rounded()))
        #expect(rate.throughputConcurrency == rate.load.meanConcurrency)
        #expect(rate.promptSource == "corpus+generate/tokenize-vllm+usage")
        #expect(rate.promptTokensSource == "tokenize+usage")
        #expect(rate.isOutputLengthForced)
        let waves = OutputFixture.wavesSummary
        #expect(waves.concurrency == 2 && waves.throughputConcurrency == 2)
        #expect(waves.preparedPromptTokens?.lowerBound == 127)
    }

    @Test func millisecondsFromNanosecondsAreTheNanosecondFiguresScaled() throws {
        let nanoseconds: [UInt64] = [1_500_000, 2_250_001, 3_000_000, 10_000_000_000]
        let reference = try #require(Distribution(nanoseconds.map { Double($0) })).scaled(by: 1e-6)
        #expect(Distribution(millisecondsFromNanoseconds: nanoseconds.map { Double($0) }) == reference)
        let pooled = Distribution(millisecondsFromNanoseconds: PooledDurations([DurationList(nanoseconds)]))
        #expect(pooled == reference)
        #expect(Distribution(millisecondsFromNanoseconds: []) == nil)
        #expect(Distribution(millisecondsFromNanoseconds: PooledDurations([DurationList()])) == nil)
    }

    @Test func slosAreJudgedOnTheMetricsPercentiles() {
        var slo = ServiceLevelObjectives()
        slo.interTokenLatencyMilliseconds = 100
        slo.percentile = 50
        let successes = OutputFixture.records.filter(\.isSuccess)
        #expect(LoadSummary.percentilesMeet(slo, successes: successes, total: successes.count))
        slo.percentile = 99
        #expect(!LoadSummary.percentilesMeet(slo, successes: successes, total: successes.count), "ITL p99 is 109.3 ms")
    }
}
