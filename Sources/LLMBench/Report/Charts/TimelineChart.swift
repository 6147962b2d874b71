/// The request timeline: one row per request from its send to its last byte, split at its
/// first token, the streaming part coloured by a value of the request (its mean ITL), failures
/// marked. Drawn by `ChartRenderer` beside the other charts.
public struct TimelineChart: Sendable {
    public var id: String
    public var title: String
    /// The time axis's label with its unit ("time since the run's first send (s)").
    public var timeLabel: String
    /// What the colour shows, with its unit ("mean ITL (ms)").
    public var colorLabel: String
    /// Top to bottom.
    public var rows: [TimelineRow]
    /// Shown under the chart: e.g. how many requests of how many are drawn.
    public var note: String?

    public init(
        id: String,
        title: String,
        timeLabel: String,
        colorLabel: String,
        rows: [TimelineRow],
        note: String? = nil
    ) {
        self.id = id
        self.title = title
        self.timeLabel = timeLabel
        self.colorLabel = colorLabel
        self.rows = rows
        self.note = note
    }
}

/// One request of the timeline, its times on the chart's time axis.
public struct TimelineRow: Sendable, Equatable {
    public var start: Double
    /// Nil when no token arrived.
    public var firstToken: Double?
    public var end: Double
    public var isFailed: Bool
    /// Sets the streaming part's colour; nil draws it neutral.
    public var colorValue: Double?
    /// The hover text (request id, figures).
    public var label: String

    public init(start: Double, firstToken: Double?, end: Double, isFailed: Bool, colorValue: Double?, label: String) {
        self.start = start
        self.firstToken = firstToken
        self.end = end
        self.isFailed = isFailed
        self.colorValue = colorValue
        self.label = label
    }
}
