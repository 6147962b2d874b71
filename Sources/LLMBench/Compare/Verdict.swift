/// What a comparison says of one figure, taking its direction into account.
enum Verdict: String, Sendable, CaseIterable {
    /// A significant change the good way (lower latency, higher throughput, fewer failures).
    case better
    /// A significant change the bad way.
    case worse
    /// Tested, and the change is not significant.
    case unchanged = "no significant change"
    /// No test was possible (e.g. no per-request values on a side).
    case notTested = "not tested"
}

/// Which way a figure improves.
enum MetricDirection: String, Sendable {
    case lowerIsBetter = "lower is better"
    case higherIsBetter = "higher is better"

    /// The verdict on a significant change that went up (`rose`) or down.
    func verdict(rose: Bool) -> Verdict {
        rose == (self == .higherIsBetter) ? .better : .worse
    }
}
