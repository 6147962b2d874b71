/// A confidence interval for a difference (candidate − baseline), in the metric's unit.
struct ConfidenceInterval: Sendable, Equatable {
    let lower: Double
    let upper: Double
    /// The confidence level, e.g. 0.95.
    let level: Double

    /// Whether the whole interval lies on one side of 0: the difference is significant at 1 − `level`.
    var excludesZero: Bool { lower > 0 || upper < 0 }
}
