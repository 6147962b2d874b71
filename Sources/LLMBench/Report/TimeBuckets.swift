import Foundation

/// Equal time buckets from 0 over a span, for figures over time: the width a "nice" number
/// (1, 2 or 5 times a power of ten, in seconds) that cuts the span into 120 to 300 buckets.
struct TimeBuckets: Sendable, Equatable {
    static let maximumCount = 300

    /// Seconds per bucket.
    var width: Double
    var count: Int

    /// Buckets covering 0 to `span` seconds (a span of 0 or less gets one bucket of a millisecond).
    init(span: Double) {
        guard span > 0, span.isFinite else {
            width = 0.001
            count = 1
            return
        }
        let target = span / Double(Self.maximumCount)
        let power = pow(10, floor(log10(target)))
        width = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= target } ?? 10 * power
        count = max(1, Int((span / width).rounded(.up)))
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
