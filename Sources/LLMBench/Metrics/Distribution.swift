/// Summary statistics of one metric over a case: mean, min, percentiles and max.
///
/// Percentiles are exact: the values of the two nearest ranks (from the sorted values, or from
/// `PooledDurations`' radix select) are interpolated linearly (the method numpy calls `linear`),
/// so p50 of [1, 2, 3, 4] is 2.5.
public struct Distribution: Sendable, Equatable, Codable {
    /// How many values.
    public var count: Int
    /// Arithmetic mean.
    public var mean: Double
    /// Smallest value.
    public var min: Double
    /// Median.
    var p50: Double
    /// 90th percentile.
    var p90: Double
    /// 95th percentile.
    var p95: Double
    /// 99th percentile.
    var p99: Double
    /// Largest value.
    public var max: Double

    /// The statistics of `values`; nil when there are none.
    public init?(_ values: [Double]) {
        self.init(sorted: values.sorted())
    }

    /// The statistics of durations given in nanoseconds, in milliseconds; nil when there are none.
    ///
    /// Computed on the nanoseconds and then scaled, so every figure is the nanosecond figure / 10⁶.
    public init?(millisecondsFromNanoseconds nanoseconds: [Double]) {
        guard let distribution = Distribution(nanoseconds) else { return nil }
        self = distribution.scaled(by: Self.millisecondsPerNanosecond)
    }

    /// The statistics of pooled durations (nanoseconds), in milliseconds; nil when there are none.
    public init?(millisecondsFromNanoseconds durations: PooledDurations) {
        guard let distribution = Distribution(nanoseconds: durations) else { return nil }
        self = distribution.scaled(by: Self.millisecondsPerNanosecond)
    }

    private static let millisecondsPerNanosecond = 1e-6

    /// The statistics of pooled durations, in nanoseconds.
    init?(nanoseconds durations: PooledDurations) {
        guard durations.count > 0, let p50 = durations.percentile(0.50), let p90 = durations.percentile(0.90),
            let p95 = durations.percentile(0.95), let p99 = durations.percentile(0.99)
        else { return nil }
        count = durations.count
        mean = durations.sum / Double(durations.count)
        min = Double(durations.min)
        max = Double(durations.max)
        self.p50 = p50
        self.p90 = p90
        self.p95 = p95
        self.p99 = p99
    }

    /// The statistics of values already sorted ascending.
    public init?(sorted: [Double]) {
        guard let first = sorted.first, let last = sorted.last else { return nil }
        count = sorted.count
        mean = sorted.reduce(0, +) / Double(sorted.count)
        min = first
        max = last
        p50 = Self.percentile(0.50, ofSorted: sorted)
        p90 = Self.percentile(0.90, ofSorted: sorted)
        p95 = Self.percentile(0.95, ofSorted: sorted)
        p99 = Self.percentile(0.99, ofSorted: sorted)
    }

    /// The `fraction` quantile (0…1) of sorted values, linearly interpolated between ranks.
    static func percentile(_ fraction: Double, ofSorted sorted: [Double]) -> Double {
        percentile(fraction, count: sorted.count) { sorted[$0] }
    }

    /// The `fraction` quantile (0…1) of `count` values, of which `valueAtRank` gives the k-th
    /// smallest: linear interpolation between the two nearest ranks (what numpy calls `linear`).
    static func percentile(_ fraction: Double, count: Int, valueAtRank: (Int) -> Double) -> Double {
        precondition(count > 0, "percentile of no values")
        let rank = fraction * Double(count - 1)
        let lower = Int(rank.rounded(.down))
        let upper = Swift.min(lower + 1, count - 1)
        let below = valueAtRank(lower)
        let above = upper == lower ? below : valueAtRank(upper)
        return below + (above - below) * (rank - Double(lower))
    }

    /// Each statistic multiplied by `factor` (e.g. nanoseconds to milliseconds).
    func scaled(by factor: Double) -> Distribution {
        var copy = self
        copy.mean *= factor
        copy.min *= factor
        copy.max *= factor
        copy.p50 *= factor
        copy.p90 *= factor
        copy.p95 *= factor
        copy.p99 *= factor
        return copy
    }
}
