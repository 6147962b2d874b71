extension Distribution {
    /// One figure of a distribution, as the outputs name it.
    enum Statistic: String, CaseIterable, Sendable {
        case count
        case mean
        case min
        case p50
        case p90
        case p95
        case p99
        case max

        /// The end of its result column after the metric's prefix: `p50_ms`, or `count`.
        var columnSuffix: String { self == .count ? rawValue : rawValue + "_ms" }

        /// The quantile (0…1) it is, by the linear interpolation of `Distribution.percentile`
        /// (the minimum 0, the maximum 1); nil for the mean and the count.
        var fraction: Double? {
            switch self {
            case .p50: 0.50
            case .p90: 0.90
            case .p95: 0.95
            case .p99: 0.99
            case .min: 0
            case .max: 1
            case .mean, .count: nil
            }
        }

        /// The quantiles the outputs show as percentiles: p50, p90, p95 and p99.
        static let percentileFractions = [p50, p90, p95, p99].compactMap(\.fraction)
    }

    /// The value of `statistic`.
    subscript(statistic: Statistic) -> Double {
        switch statistic {
        case .count: Double(count)
        case .mean: mean
        case .min: min
        case .p50: p50
        case .p90: p90
        case .p95: p95
        case .p99: p99
        case .max: max
        }
    }
}
