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
