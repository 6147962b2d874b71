/// The empirical CDF of a metric's values over one case's records: each point a value of the
/// records exactly as the file holds it and the share of values at or below it.
///
/// Long distributions keep at most `maximumPoints` points, evenly spaced in rank, always with
/// the smallest and the largest value.
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

    /// The CDF of `values`, kept to `maximumPoints` points (at least 2).
    init(values: [Double], maximumPoints: Int = Self.maximumPoints) {
        let sorted = values.sorted()
        count = sorted.count
        let kept = max(2, maximumPoints)
        let indices: [Int] =
            sorted.count <= kept
            ? Array(sorted.indices)
            : (0..<kept).map { Int((Double($0) * Double(sorted.count - 1) / Double(kept - 1)).rounded()) }
        points = indices.map { Point(value: sorted[$0], fraction: Double($0 + 1) / Double(sorted.count)) }
    }

    /// The CDF of `metric` over `records`, from the requests the summary counts for it (the
    /// successful ones, or all for metrics that cover failed requests).
    init(metric: LatencyMetric, records: [RecordSample], maximumPoints: Int = Self.maximumPoints) {
        let covered = metric.coversFailedRequests ? records : records.filter(\.isSuccess)
        self.init(values: covered.flatMap { $0.values(of: metric) }, maximumPoints: maximumPoints)
    }

    /// Whether some values were left out of the points.
    var isDownsampled: Bool { points.count < count }
}
