/// One sample of a server's Prometheus exposition: a series (its name and labels) and its value
/// at one scrape. Histogram buckets, sums and counts are samples of their own names
/// (`…_bucket{le="0.1"}`, `…_sum`, `…_count`), as the text format writes them.
struct MetricSample: Sendable, Equatable {
    /// The series name, e.g. `vllm:num_requests_running`.
    var name: String
    /// The labels, sorted by name, so one series always reads the same.
    var labels: [MetricLabel]
    var value: Double
    /// The exposition's own timestamp in milliseconds, when it wrote one.
    var timestampMilliseconds: Int64?

    /// The value of the label `name`, if the sample has it.
    func label(_ name: String) -> String? {
        labels.first { $0.name == name }?.value
    }
}

/// A label of a sample.
struct MetricLabel: Sendable, Equatable, Comparable {
    var name: String
    var value: String

    static func < (lhs: MetricLabel, rhs: MetricLabel) -> Bool {
        (lhs.name, lhs.value) < (rhs.name, rhs.value)
    }
}
