/// A confidence interval for a difference (candidate − baseline), in the metric's unit.
public struct ConfidenceInterval: Sendable, Equatable {
    public let lower: Double
    public let upper: Double
    /// The confidence level, e.g. 0.95.
    public let level: Double

    /// Whether the whole interval lies on one side of 0: the difference is significant at 1 − `level`.
    public var excludesZero: Bool { lower > 0 || upper < 0 }
}
