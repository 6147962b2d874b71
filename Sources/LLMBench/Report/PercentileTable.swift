/// The latency figures of one case (or step) of one run, read from its results columns so that
/// they equal the files: one row per metric that has values, one column per statistic.
struct PercentileTable: Sendable, Equatable {
    /// The statistics shown, in column order.
    static let statistics: [Distribution.Statistic] = [.p50, .p90, .p95, .p99, .max, .mean]

    struct Row: Sendable, Equatable {
        var metric: LatencyMetric
        /// One value per statistic of `PercentileTable.statistics`; nil where the results have no such column.
        var values: [Double?]
    }

    var rows: [Row]

    /// The table of `results`: every `LatencyMetric`, in case order, with at least one value.
    init(_ results: CaseResults) {
        rows = LatencyMetric.allCases.compactMap { metric in
            let values = Self.statistics.map { results.number("\(metric.columnPrefix)_\($0.columnSuffix)") }
            return values.contains { $0 != nil } ? Row(metric: metric, values: values) : nil
        }
    }

    /// Whether the table has no row.
    var isEmpty: Bool { rows.isEmpty }
}
