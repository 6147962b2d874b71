/// The observations a Prometheus histogram gained between two scrapes, and the estimates its
/// buckets allow: the exact mean (sum / count) and quantiles interpolated linearly within a bucket,
/// as PromQL's `histogram_quantile` does.
struct HistogramEstimate: Sendable, Equatable {
    /// A histogram as one scrape exposed it: cumulative counts by upper bound (`le`), sum, count.
    struct Cumulative: Sendable, Equatable {
        var buckets: [Double: Double]
        var sum: Double?
        var count: Double?
    }

    /// One bucket of the window: observations at most `upperBound`, cumulative.
    struct Bucket: Sendable, Equatable {
        var upperBound: Double
        var count: Double
    }

    /// The window's buckets, ascending by bound, their counts never decreasing.
    let buckets: [Bucket]
    /// Observations in the window: the `_count` delta, else the `+Inf` bucket's.
    let count: Double
    /// Sum of the observations in the window, when the histogram exposes `_sum`.
    let sum: Double?
    /// Whether a value went down between the scrapes (the server restarted): the window then holds
    /// the end values alone, the observations since the restart.
    let isAfterReset: Bool

    /// The observations between `start` and `end`; without `start` (the histogram appeared during
    /// the window), all of `end`'s.
    init(from start: Cumulative?, to end: Cumulative) {
        let wentDown =
            start.map { start in
                end.buckets.contains { bound, value in value < (start.buckets[bound] ?? 0) }
                    || Self.decreased(start.sum, end.sum) || Self.decreased(start.count, end.count)
            } ?? false
        let base = wentDown ? nil : start
        var buckets = end.buckets.map { bound, value in
            Bucket(upperBound: bound, count: value - (base?.buckets[bound] ?? 0))
        }
        self.init(
            buckets: &buckets,
            sum: end.sum.map { $0 - (base?.sum ?? 0) },
            count: end.count.map { $0 - (base?.count ?? 0) },
            isAfterReset: wentDown
        )
    }

    /// The window of `buckets` (cumulative, any order) with `sum` and `count`.
    init(buckets: [Bucket], sum: Double?, count: Double?) {
        var buckets = buckets
        self.init(buckets: &buckets, sum: sum, count: count)
    }

    private init(buckets: inout [Bucket], sum: Double?, count: Double?, isAfterReset: Bool = false) {
        buckets.sort { $0.upperBound < $1.upperBound }
        var highest = 0.0
        for index in buckets.indices {
            highest = max(highest, buckets[index].count)
            buckets[index].count = highest
        }
        self.buckets = buckets
        self.sum = sum
        let infinite = buckets.last.flatMap { $0.upperBound == .infinity ? $0.count : nil }
        self.count = count ?? infinite ?? 0
        self.isAfterReset = isAfterReset
    }

    /// The windows of several series summed: buckets by bound (bounds every window has), sums, counts.
    static func combined(_ windows: [HistogramEstimate]) -> HistogramEstimate? {
        guard let first = windows.first else { return nil }
        let bounds = windows.dropFirst().reduce(Set(first.buckets.map(\.upperBound))) { common, window in
            common.intersection(window.buckets.map(\.upperBound))
        }
        var totals = [Double: Double]()
        for window in windows {
            for bucket in window.buckets where bounds.contains(bucket.upperBound) {
                totals[bucket.upperBound, default: 0] += bucket.count
            }
        }
        let sums = windows.map(\.sum)
        return HistogramEstimate(
            buckets: totals.map { Bucket(upperBound: $0.key, count: $0.value) },
            sum: sums.contains(nil) ? nil : sums.reduce(0) { $0 + ($1 ?? 0) },
            count: windows.reduce(0) { $0 + $1.count }
        )
    }

    /// sum / count of the window; nil without observations or without `_sum`.
    var mean: Double? {
        guard let sum, count > 0 else { return nil }
        return sum / count
    }

    /// The `q`-quantile (0 < q ≤ 1) estimated from the buckets: the bucket holding rank q × n, and
    /// linear interpolation between its bounds (from 0 for the first bucket with a positive bound).
    /// A rank in the `+Inf` bucket gives the highest finite bound. Nil without observations, without
    /// a `+Inf` bucket, or for q outside (0, 1].
    func quantile(_ q: Double) -> Double? {
        guard q > 0, q <= 1, let last = buckets.last, last.upperBound == .infinity, last.count > 0 else { return nil }
        let rank = q * last.count
        guard let index = buckets.firstIndex(where: { $0.count >= rank }) else { return nil }
        let bucket = buckets[index]
        if bucket.upperBound == .infinity {
            return index > 0 ? buckets[index - 1].upperBound : nil
        }
        if index == 0 && bucket.upperBound <= 0 { return bucket.upperBound }
        let lower = index > 0 ? buckets[index - 1] : Bucket(upperBound: 0, count: 0)
        let inBucket = bucket.count - lower.count
        guard inBucket > 0 else { return bucket.upperBound }
        return lower.upperBound + (bucket.upperBound - lower.upperBound) * (rank - lower.count) / inBucket
    }

    private static func decreased(_ start: Double?, _ end: Double?) -> Bool {
        guard let start, let end else { return false }
        return end < start
    }
}
