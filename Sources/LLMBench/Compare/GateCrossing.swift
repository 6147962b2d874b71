import Foundation

/// A gate expression that held in one case.
struct GateCrossing: Sendable, Equatable {
    /// The expression, as given.
    let expression: String
    /// The case (and, comparing several candidates, which candidate) it held in.
    let place: String
    /// The value or change that crossed, in the expression's unit.
    let observed: Double
    let operand: GateExpression.Operand
    /// Whether the change was significant (always true for a bound on a value).
    let isSignificant: Bool

    /// e.g. `ttft_p99_ms>+10% in 128 in / 64 out, concurrency 4: +104.2 %, significant`.
    var description: String {
        let figure: String =
            switch operand {
            case .value: String(format: "%.3f", observed)
            case .absoluteChange: String(format: "%+.3f", observed)
            case .relativeChange: ComparisonText.percent(observed) + (observed.isInfinite ? " (from 0)" : "")
            }
        let significance: String =
            switch operand {
            case .value: ""
            case .absoluteChange, .relativeChange: isSignificant ? ", significant" : ", not significant"
            }
        return "\(expression) in \(place): \(figure)\(significance)"
    }
}
