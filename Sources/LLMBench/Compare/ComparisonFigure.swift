/// A figure `compare` sets side by side, named as the results columns name it.
enum ComparisonFigure: Sendable, Hashable {
    /// A statistic of a latency metric: `ttft_p99_ms`.
    case latency(LatencyMetric, Statistic)
    /// A latency metric's values as a whole (the Mann-Whitney test): `ttft_distribution`.
    case distribution(LatencyMetric)
    /// `output_throughput_tps`.
    case outputThroughput
    /// `request_throughput_rps`.
    case requestThroughput
    /// Failed requests as a percentage of the counted ones: `failed_requests_pct`.
    case failedShare

    /// The latency statistics compared, where the results have a column for them.
    enum Statistic: String, Sendable, CaseIterable {
        case mean
        case p50
        case p90
        case p99

        /// The fewest values a side needs for the statistic's change to be tested: 5 for any test,
        /// and for a percentile p_q two values beyond it (n·(1 − q) ≥ 2), so p90 needs 20, p99 200.
        var minimumValues: Int {
            switch self {
            case .mean, .p50: 5
            case .p90: 20
            case .p99: 200
            }
        }

        /// The same statistic as the results' distributions name it.
        var distributionStatistic: Distribution.Statistic {
            switch self {
            case .mean: .mean
            case .p50: .p50
            case .p90: .p90
            case .p99: .p99
            }
        }
    }

    /// The statistics of `metric` that are compared: those the results have a column for.
    static func statistics(of metric: LatencyMetric) -> [Statistic] {
        let columns = Set(metric.rowColumns.flatMap(\.statistics))
        return Statistic.allCases.filter { columns.contains($0.distributionStatistic) }
    }

    /// Every figure with a value of its own, in the order of the tables: each latency metric's
    /// statistics in case order, then throughput and failures. These are the names `--fail-on`
    /// and `fail_on` know.
    static let valued: [ComparisonFigure] =
        LatencyMetric.allCases.flatMap { metric in statistics(of: metric).map { .latency(metric, $0) } }
        + [.outputThroughput, .requestThroughput, .failedShare]

    /// Its name: the results column (`ttft_p99_ms`, `output_throughput_tps`), `failed_requests_pct`
    /// or `<metric>_distribution`.
    var name: String {
        switch self {
        case .latency(let metric, let statistic): "\(metric.columnPrefix)_\(statistic.rawValue)_ms"
        case .distribution(let metric): "\(metric.columnPrefix)_distribution"
        case .outputThroughput: "output_throughput_tps"
        case .requestThroughput: "request_throughput_rps"
        case .failedShare: "failed_requests_pct"
        }
    }

    /// The figure called `name`, among those with a value; nil when there is none.
    init?(name: String) {
        guard let figure = Self.valued.first(where: { $0.name == name }) else { return nil }
        self = figure
    }

    /// Which way it improves.
    var direction: MetricDirection {
        switch self {
        case .outputThroughput, .requestThroughput: .higherIsBetter
        case .latency, .distribution, .failedShare: .lowerIsBetter
        }
    }

    /// Its unit as tables show it.
    var unit: String {
        switch self {
        case .latency: "ms"
        case .distribution: ""
        case .outputThroughput: "tokens/s"
        case .requestThroughput: "requests/s"
        case .failedShare: "%"
        }
    }
}
