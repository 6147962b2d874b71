import Testing

@testable import LLMBench

struct CumulativeDistributionTests {
    @Test func keepsEveryValueWithItsShareWhenShort() {
        let cdf = CumulativeDistribution(values: [30, 10, 20, 40])
        #expect(cdf.points.map(\.value) == [10, 20, 30, 40])
        #expect(cdf.points.map(\.fraction) == [0.25, 0.5, 0.75, 1])
        #expect(!cdf.isDownsampled)
    }

    @Test func downsamplesToTheLimitKeepingMinimumMaximumAndExactValues() {
        let values = (0..<10_000).map { Double(($0 * 7919) % 10_000) * 0.001 + 1 }
        let cdf = CumulativeDistribution(values: values, maximumPoints: 400)
        #expect((380...400).contains(cdf.points.count))
        #expect(cdf.count == 10_000)
        #expect(cdf.isDownsampled)
        #expect(cdf.points.first?.value == values.min())
        #expect(cdf.points.last?.value == values.max())
        #expect(cdf.points.last?.fraction == 1)
        let present = Set(values)
        #expect(cdf.points.allSatisfy { present.contains($0.value) })
        #expect(
            zip(cdf.points, cdf.points.dropFirst()).allSatisfy { $0.value <= $1.value && $0.fraction < $1.fraction }
        )
    }

    @Test func keepsTheRanksEachShownPercentileFallsBetween() {
        // 1,001 distinct values in a shuffled order: p50 lies at rank 500, p90 at 900, p95 at 950,
        // p99 at 990 (and each next rank).
        let values = (0...1000).map { Double(($0 * 7919) % 1001) + 0.5 }
        let cdf = CumulativeDistribution(values: values, maximumPoints: 20)
        #expect(cdf.points.count <= 20)
        #expect(cdf.isDownsampled)
        let ranks = Set(cdf.points.map { Int($0.value - 0.5) })
        for rank in [0, 500, 501, 900, 901, 950, 951, 990, 991, 1000] {
            #expect(ranks.contains(rank), "rank \(rank)")
        }
    }

    @Test func countsRepeatedValuesAsOnePointAtTheirLastCopy() {
        let cdf = CumulativeDistribution(values: [5, 5, 5, 7], maximumPoints: 2)
        #expect(cdf.points == [.init(value: 5, fraction: 0.75), .init(value: 7, fraction: 1)])
        #expect(!cdf.isDownsampled)
    }

    @Test func coversSuccessfulRequestsAndPoolsPerEventGaps() {
        let records = [
            ReportFixtures.record(index: 0, sendSeconds: 0, ttft: 12, itl: [1, 2]),
            ReportFixtures.record(index: 1, sendSeconds: 1, ttft: 8, itl: [3]),
            ReportFixtures.record(index: 2, sendSeconds: 2, isSuccess: false),
        ]
        #expect(CumulativeDistribution(metric: .ttft, records: records).points.map(\.value) == [8, 12])
        #expect(CumulativeDistribution(metric: .itl, records: records).points.map(\.value) == [1, 2, 3])
        #expect(CumulativeDistribution(metric: .connect, records: records).count == 0)
    }
}
