import LLMBenchSupport
import Testing

@testable import LLMBench

/// The seeded bootstrap of differences: exact where the answer is known, repeatable for a seed,
/// and in line with SciPy's bootstrap where it is random.
struct BootstrapDifferenceTests {
    static let statistics: [Distribution.Statistic] = [.mean, .p50, .p90, .p99]

    static func interval(
        _ baseline: [Double],
        _ candidate: [Double],
        seed: UInt64 = 7,
        resamples: Int = 500,
        cap: Int = 20_000
    ) -> BootstrapDifference {
        var random = SeededRandom(seed: seed)
        return BootstrapDifference(
            sortedBaseline: baseline.sorted(),
            sortedCandidate: candidate.sorted(),
            statistics: statistics,
            resamples: resamples,
            sampleCap: cap,
            level: 0.95,
            random: &random
        )
    }

    @Test func aResamplesStatisticsEqualThoseOfTheResampleWrittenOut() {
        var random = SeededRandom(seed: 3)
        let values = (0..<37).map { _ in random.nextUnit() * 100 }.sorted()
        for _ in 0..<20 {
            var counts = [Int32](repeating: 0, count: values.count)
            BootstrapDifference.resample(into: &counts, random: &random)
            let written = values.indices.flatMap { Array(repeating: values[$0], count: Int(counts[$0])) }
            let figures = BootstrapDifference.statistics(Self.statistics, ofSorted: values, counts: counts)
            let expected = Distribution(sorted: written)
            #expect(figures.count == 4)
            #expect(abs(figures[0] - (expected?.mean ?? .nan)) < 1e-9)
            #expect(figures[1] == expected?[.p50])
            #expect(figures[2] == expected?[.p90])
            #expect(figures[3] == expected?[.p99])
        }
    }

    @Test func constantSamplesGiveTheExactDifference() {
        let result = Self.interval(Array(repeating: 10, count: 40), Array(repeating: 12.5, count: 30))
        for statistic in Self.statistics {
            #expect(result.intervals[statistic] == ConfidenceInterval(lower: 2.5, upper: 2.5, level: 0.95))
        }
    }

    @Test func theSameSeedGivesTheSameIntervalsAndAnotherSeedOthers() {
        let baseline = (1...200).map { Double($0 * 37 % 101) / 10 }
        let candidate = (1...200).map { Double($0 * 53 % 103) / 10 + 1 }
        let first = Self.interval(baseline, candidate, seed: 11)
        let again = Self.interval(baseline, candidate, seed: 11)
        let other = Self.interval(baseline, candidate, seed: 12)
        #expect(first.intervals == again.intervals)
        #expect(first.intervals[.mean] != other.intervals[.mean])
    }

    @Test func identicalSamplesGiveIntervalsAroundZero() {
        let values = (1...300).map { Double($0 * 37 % 101) / 10 }
        let result = Self.interval(values, values)
        for statistic in Self.statistics {
            #expect(result.intervals[statistic]?.excludesZero == false)
        }
    }

    /// Baseline (i·37 mod 101)/10, candidate (i·53 mod 103)/10 + 1 for i in 1…200. SciPy 1.17.1,
    /// `scipy.stats.bootstrap((candidate, baseline), lambda c, b, axis: stat(c) - stat(b),
    /// paired=False, method='percentile', n_resamples=50000)`, gives 95 % intervals of mean
    /// [0.489, 1.636], p50 [0.1, 2.1] and p90 (numpy's linear percentile) [0.5, 1.7]; a different
    /// generator agrees within the resampling noise.
    @Test func intervalsAgreeWithSciPysPercentileBootstrap() throws {
        let baseline = (1...200).map { Double($0 * 37 % 101) / 10 }
        let candidate = (1...200).map { Double($0 * 53 % 103) / 10 + 1 }
        let result = Self.interval(baseline, candidate, resamples: 10_000)
        let mean = try #require(result.intervals[.mean])
        #expect(abs(mean.lower - 0.489) < 0.05 && abs(mean.upper - 1.636) < 0.05, "\(mean)")
        let median = try #require(result.intervals[.p50])
        #expect(abs(median.lower - 0.1) < 0.2 && abs(median.upper - 2.1) < 0.2, "\(median)")
        let p90 = try #require(result.intervals[.p90])
        #expect(abs(p90.lower - 0.5) < 0.15 && abs(p90.upper - 1.7) < 0.15, "\(p90)")
        #expect(mean.excludesZero)
    }

    @Test func largeSidesAreSubsampledToTheCap() {
        let baseline = (0..<5_000).map { Double($0) }
        let result = Self.interval(baseline, Array(baseline.prefix(300)), resamples: 50, cap: 1_000)
        #expect(result.baselineValuesUsed == 1_000)
        #expect(result.candidateValuesUsed == 300)
    }

    @Test func aSubsampleIsSortedDistinctAndFromTheValues() {
        var random = SeededRandom(seed: 5)
        let values = (0..<10_000).map { Double($0) }
        let subsample = BootstrapDifference.subsample(values, cap: 2_000, random: &random)
        #expect(subsample.count == 2_000)
        #expect(subsample == subsample.sorted())
        #expect(Set(subsample).count == 2_000)
        // Uniform: the subsample's mean lies near the values' (4999.5; its standard error is ~58).
        #expect(abs(subsample.reduce(0, +) / 2_000 - 4_999.5) < 300)
    }
}
