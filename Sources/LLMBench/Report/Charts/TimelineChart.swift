/// The request timeline: one row per request from its send to its last byte, split at its
/// first token, the streaming part coloured by a value of the request (its mean ITL), failures
/// marked. Drawn by `ChartRenderer` beside the other charts.
struct TimelineChart: Sendable {
    var id: String
    var title: String
    /// The time axis's label with its unit ("time since the run's first send (s)").
    var timeLabel: String
    /// What the colour shows, with its unit ("mean ITL (ms)").
    var colorLabel: String
    /// Top to bottom.
    var rows: [TimelineRow]
    /// Shown under the chart: e.g. how many requests of how many are drawn.
    var note: String? = nil
}

/// One request of the timeline, its times on the chart's time axis.
struct TimelineRow: Sendable, Equatable {
    var start: Double
    /// Nil when no token arrived.
    var firstToken: Double?
    var end: Double
    var isFailed: Bool
    /// Sets the streaming part's colour; nil draws it neutral.
    var colorValue: Double?
    /// The hover text (request id, figures).
    var label: String
}
