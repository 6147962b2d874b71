/// The regression gate: expressions that fail a comparison (or a run) when they hold.
///
/// A bound on a change counts only when the change is significant, unless the gate is strict;
/// a bound on a value counts whenever it holds. Each expression is evaluated in every matched
/// case; one counted crossing fails the gate, and so does a comparison that matched no case.
public struct RegressionGate: Sendable {
    public let expressions: [GateExpression]
    /// Count crossings whether or not the change is significant.
    public let isStrict: Bool

    public init(expressions: [GateExpression], isStrict: Bool = false) {
        self.expressions = expressions
        self.isStrict = isStrict
    }

    /// The gate's outcome over comparisons of candidates with one baseline.
    public func evaluate(_ comparisons: [RunComparison]) -> GateOutcome {
        var outcome = GateOutcome()
        guard !expressions.isEmpty else { return outcome }
        for comparison in comparisons {
            let prefix = comparisons.count > 1 ? "\(comparison.candidateName): " : ""
            if comparison.cases.isEmpty {
                outcome.problems.append("\(prefix)no case matched the baseline's, so nothing could be compared")
            }
            for matched in comparison.cases {
                for expression in expressions {
                    guard let figure = matched[expression.figure] else { continue }
                    outcome.evaluated.insert(expression.text)
                    let observed: Double? =
                        switch expression.operand {
                        case .value: figure.candidate
                        case .absoluteChange: figure.absoluteChange
                        case .relativeChange: figure.relativeChange.map { $0 * 100 }
                        }
                    guard let observed, expression.comparison.holds(observed, expression.bound) else { continue }
                    let crossing = GateCrossing(
                        expression: expression.text,
                        place: prefix + matched.key.description,
                        observed: observed,
                        operand: expression.operand,
                        isSignificant: !expression.isChange || figure.isSignificant
                    )
                    if crossing.isSignificant || isStrict {
                        outcome.crossings.append(crossing)
                    } else {
                        outcome.insignificant.append(crossing)
                    }
                }
            }
        }
        outcome.unevaluated = expressions.map(\.text).filter { !outcome.evaluated.contains($0) }
        return outcome
    }

    /// The gate's outcome over a run's own cases (bounds on values only), each case named by
    /// its place and giving a figure's value by name.
    public func evaluate(cases: [(place: String, value: (ComparisonFigure) -> Double?)]) -> GateOutcome {
        var outcome = GateOutcome()
        for (place, value) in cases {
            for expression in expressions {
                guard let observed = value(expression.figure) else { continue }
                outcome.evaluated.insert(expression.text)
                guard expression.comparison.holds(observed, expression.bound) else { continue }
                outcome.crossings.append(
                    GateCrossing(
                        expression: expression.text,
                        place: place,
                        observed: observed,
                        operand: expression.operand,
                        isSignificant: true
                    )
                )
            }
        }
        outcome.unevaluated = expressions.map(\.text).filter { !outcome.evaluated.contains($0) }
        return outcome
    }
}
