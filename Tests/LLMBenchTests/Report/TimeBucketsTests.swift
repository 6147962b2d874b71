import Foundation
import Testing

@testable import LLMBench

struct TimeBucketsTests {
    @Test(arguments: [0.004, 1, 7.3, 59.9, 60, 3600, 259_200] as [Double])
    func cutsAnySpanIntoOneHundredTwentyToThreeHundredNiceBuckets(span: Double) {
        let buckets = TimeBuckets(span: span)
        #expect((120...300).contains(buckets.count))
        #expect(Double(buckets.count) * buckets.width >= span)
        let mantissa = buckets.width / pow(10, floor(log10(buckets.width) + 1e-9))
        #expect([1, 2, 5].contains { abs(mantissa - $0) < 1e-9 })
    }

    @Test func sharesTheBucketsAmongOverlaidRuns() {
        #expect(TimeBuckets.maximumCount(runs: 1) == 300)
        #expect(TimeBuckets.maximumCount(runs: 3) == 100)
        #expect(TimeBuckets.maximumCount(runs: 20) == 60)
        #expect(TimeBuckets(span: 100, maximumCount: 100).count == 100)
    }

    @Test func givesAnEmptySpanOneBucket() {
        #expect(TimeBuckets(span: 0).count == 1)
    }

    @Test func splitsAnIntervalIntoItsOverlapWithEachBucket() {
        let buckets = TimeBuckets(span: 300)
        #expect(buckets.width == 1)
        var durations = [Double](repeating: 0, count: buckets.count)
        buckets.addOverlap(from: 0.5, to: 2.25, into: &durations)
        #expect(durations[0...2] == [0.5, 1, 0.25])
        #expect(durations.reduce(0, +) == 1.75)
    }
}
