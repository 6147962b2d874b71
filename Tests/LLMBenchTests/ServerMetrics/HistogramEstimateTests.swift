import Testing

@testable import LLMBench

/// Quantiles and means of a histogram's window, against values computed by hand.
struct HistogramEstimateTests {
    typealias Bucket = HistogramEstimate.Bucket

    /// 10 observations: 2 up to 0.1, 4 more up to 0.5, 3 more up to 1, 1 above; sum 4.2.
    static let window = HistogramEstimate(
        buckets: [
            Bucket(upperBound: 0.5, count: 6), Bucket(upperBound: 0.1, count: 2), Bucket(upperBound: 1, count: 9),
            Bucket(upperBound: .infinity, count: 10),
        ],
        sum: 4.2,
        count: 10
    )

    @Test func interpolatesLinearlyWithinTheBucketHoldingTheRank() throws {
        // rank 5 lies in (0.1, 0.5], which holds ranks 3...6: 0.1 + 0.4 × (5 − 2) / 4
        #expect(try #require(Self.window.quantile(0.5)) == 0.4)
        // rank 1 in the first bucket, interpolated from 0: 0.1 × 1 / 2
        #expect(try #require(Self.window.quantile(0.1)) == 0.05)
        // rank 9 at the top of (0.5, 1]
        #expect(try #require(Self.window.quantile(0.9)) == 1.0)
    }

    @Test func aRankInTheInfiniteBucketGivesTheHighestFiniteBound() {
        #expect(Self.window.quantile(0.99) == 1.0)
    }

    @Test func theMeanIsTheSumOverTheCount() throws {
        #expect(abs(try #require(Self.window.mean) - 0.42) < 1e-12)
    }

    @Test func aWindowIsTheDifferenceOfTwoScrapes() throws {
        let start = HistogramEstimate.Cumulative(buckets: [0.1: 1, 0.5: 2, 1: 3, .infinity: 3], sum: 1, count: 3)
        let end = HistogramEstimate.Cumulative(buckets: [0.1: 3, 0.5: 8, 1: 12, .infinity: 13], sum: 5.2, count: 13)
        let window = HistogramEstimate(from: start, to: end)
        #expect(!window.isAfterReset)
        #expect(window.buckets == Self.window.buckets)
        #expect(window.count == 10)
        #expect(try #require(window.quantile(0.5)) == 0.4)
    }

    @Test func aDecreaseIsAResetAndTheEndValuesAreTheWindow() {
        let start = HistogramEstimate.Cumulative(buckets: [0.1: 50, .infinity: 90], sum: 30, count: 90)
        let end = HistogramEstimate.Cumulative(buckets: [0.1: 2, .infinity: 4], sum: 1, count: 4)
        let window = HistogramEstimate(from: start, to: end)
        #expect(window.isAfterReset)
        #expect(window.count == 4)
        #expect(window.mean == 0.25)
        #expect(window.quantile(0.5) == 0.1)
    }

    @Test func bucketsThatDecreaseWithTheBoundAreMadeMonotonic() {
        let window = HistogramEstimate(
            buckets: [
                Bucket(upperBound: 0.1, count: 3), Bucket(upperBound: 0.5, count: 2),
                Bucket(upperBound: .infinity, count: 4),
            ],
            sum: nil,
            count: nil
        )
        #expect(window.buckets.map(\.count) == [3, 3, 4])
        #expect(window.count == 4, "the +Inf bucket counts without _count")
        #expect(window.mean == nil, "no mean without _sum")
    }

    @Test func anEmptyWindowHasNoEstimates() {
        let empty = HistogramEstimate(
            buckets: [Bucket(upperBound: 0.1, count: 0), Bucket(upperBound: .infinity, count: 0)],
            sum: 0,
            count: 0
        )
        #expect(empty.quantile(0.5) == nil)
        #expect(empty.mean == nil)
    }

    @Test func withoutAnInfiniteBucketOrOutsideZeroToOneThereIsNoQuantile() {
        let open = HistogramEstimate(buckets: [Bucket(upperBound: 1, count: 5)], sum: 2, count: 5)
        #expect(open.quantile(0.5) == nil)
        #expect(Self.window.quantile(0) == nil)
        #expect(Self.window.quantile(1.5) == nil)
    }

    @Test func windowsOfSeveralSeriesAddUpOnTheBoundsTheyShare() throws {
        let other = HistogramEstimate(
            buckets: [
                Bucket(upperBound: 0.1, count: 8), Bucket(upperBound: 0.25, count: 9),
                Bucket(upperBound: 0.5, count: 9), Bucket(upperBound: 1, count: 10),
                Bucket(upperBound: .infinity, count: 10),
            ],
            sum: 0.8,
            count: 10
        )
        let combined = try #require(HistogramEstimate.combined([Self.window, other]))
        #expect(combined.buckets.map(\.upperBound) == [0.1, 0.5, 1, .infinity])
        #expect(combined.buckets.map(\.count) == [10, 15, 19, 20])
        #expect(combined.mean == 0.25)
        // rank 10 is the top of the first bucket
        #expect(combined.quantile(0.5) == 0.1)
    }
}
