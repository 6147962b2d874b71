/// What the regression gate found.
public struct GateOutcome: Sendable, Equatable {
    /// Crossings that fail the gate.
    var crossings: [GateCrossing] = []
    /// Changes past a bound that were not significant (they fail only a strict gate).
    var insignificant: [GateCrossing] = []
    /// Reasons the gate fails besides crossings (e.g. no case matched).
    public internal(set) var problems: [String] = []
    /// Expressions whose metric no case had (they fail the gate: it checked nothing).
    public internal(set) var unevaluated: [String] = []
    /// Expressions evaluated in at least one case.
    var evaluated: Set<String> = []

    /// Whether the gate fails.
    public var isFailed: Bool { !crossings.isEmpty || !problems.isEmpty || !unevaluated.isEmpty }

    /// The outcome as lines for people: each crossing, each ignored change, each problem, then
    /// `gate failed` or `gate passed`.
    public var lines: [String] {
        var lines = crossings.map { "gate: crossed: \($0.description)" }
        lines += insignificant.map { "gate: not counted (not significant; --strict counts it): \($0.description)" }
        lines += unevaluated.map {
            "gate: '\($0)' applied to no case (its metric is in none of them), so the gate fails"
        }
        lines += problems.map { "gate: \($0)" }
        lines.append(isFailed ? "gate failed" : "gate passed")
        return lines
    }
}
