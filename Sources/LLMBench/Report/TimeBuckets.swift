import Foundation

/// Equal time buckets from 0 over a span, for figures over time: the width a "nice" number
/// (1, 2 or 5 times a power of ten, in seconds) that cuts the span into at most `maximumCount`
/// buckets and at least 40 % of that.
struct TimeBuckets: Sendable, Equatable {
    /// The most buckets of a page showing one run.
    static let maximumCount = 300
    /// The fewest buckets a page of many runs still gets per chart.
    static let minimumCount = 60

    /// Seconds per bucket.
    var width: Double
    var count: Int

    /// Buckets covering 0 to `span` seconds (a span of 0 or less gets one bucket of a millisecond).
    init(span: Double, maximumCount: Int = Self.maximumCount) {
        guard span > 0, span.isFinite else {
            width = 0.001
            count = 1
            return
        }
        let target = span / Double(max(1, maximumCount))
        let power = pow(10, floor(log10(target)))
        width = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= target } ?? 10 * power
        count = max(1, Int((span / width).rounded(.up)))
    }

    /// The most buckets for a chart of `runs` runs' lines over time: `maximumCount` shared among
    /// them (each line a run's), so the page's size does not grow with the runs overlaid, but
    /// never fewer than `minimumCount`.
    static func maximumCount(runs: Int) -> Int {
        max(minimumCount, maximumCount / max(1, runs))
    }

    /// The bucket `seconds` falls in, clamped to the buckets.
    func index(of seconds: Double) -> Int {
        min(count - 1, max(0, Int((seconds / width).rounded(.down))))
    }

    /// The start of bucket `index`, seconds.
    func start(of index: Int) -> Double { Double(index) * width }

    /// How long `from`…`to` (seconds) overlaps each bucket, in seconds, added to `durations`.
    func addOverlap(from: Double, to: Double, into durations: inout [Double]) {
        guard to > from else { return }
        for index in self.index(of: from)...self.index(of: to) {
            let overlap = min(to, start(of: index + 1)) - max(from, start(of: index))
            if overlap > 0 { durations[index] += overlap }
        }
    }
}
