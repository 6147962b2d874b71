/// One sample of a server's metrics as a run's `_server_metrics.jsonl` holds it: a series' value
/// at one scrape, on the run's clock.
struct ServerSeriesSample: Sendable, Equatable {
    /// `MonotonicClock` when the scrape's answer had arrived: the axis of the records' send clock.
    var clockNanoseconds: Int64
    /// The metrics URL's position in the run's list.
    var source: Int
    /// The scrape round (every URL once per round).
    var round: Int
    var caseIndex: Int
    var step: Int
    /// `start`, `interval` or `end`.
    var moment: String
    var name: String
    /// The labels, by name.
    var labels: [String: String]
    /// The value; `NaN` and the infinities as the file's strings say.
    var value: Double
}
