/// The empirical CDF of a metric's values over one case's records: each point a value of the
/// records exactly as the file holds it and the share of values at or below it (one point per
/// distinct value, at the share of its last copy).
///
/// Long distributions keep at most `maximumPoints` points (`Downsampling.cdf`): the smallest and
/// the largest value and the two ranks each shown percentile falls between always, values at
/// evenly spaced ranks for the rest.
struct CumulativeDistribution: Sendable, Equatable {
    static let maximumPoints = 400

    struct Point: Sendable, Equatable {
        var value: Double
        /// (rank + 1) / count, in (0, 1].
        var fraction: Double
    }

    var points: [Point]
    /// How many values the distribution has.
    var count: Int
    /// Whether some distinct values were left out of the points.
    var isDownsampled: Bool

    /// The CDF of `values`, kept to `maximumPoints` points.
    init(values: [Double], maximumPoints: Int = Self.maximumPoints) {
        let sorted = values.filter(\.isFinite).sorted()
        let kept = Downsampling.cdf(of: sorted, maxPoints: maximumPoints)
        count = kept.originalCount
        points = kept.elements.map { Point(value: $0.x, fraction: $0.y) }
        let distinct = zip(sorted, sorted.dropFirst()).count { $0 != $1 } + (sorted.isEmpty ? 0 : 1)
        isDownsampled = points.count < distinct
    }

    /// The CDF of `metric` over `records`, from the requests the summary counts for it (the
    /// successful ones, or all for metrics that cover failed requests).
    init(metric: LatencyMetric, records: [RecordSample], maximumPoints: Int = Self.maximumPoints) {
        let covered = metric.coversFailedRequests ? records : records.filter(\.isSuccess)
        self.init(values: covered.flatMap { $0.values(of: metric) }, maximumPoints: maximumPoints)
    }
}
