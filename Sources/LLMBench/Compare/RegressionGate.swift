/// The regression gate: expressions that fail a comparison (or a run) when they hold.
///
/// A bound on a change counts only when the change is significant, unless the gate is strict;
/// a bound on a value counts whenever it holds. Each expression is evaluated in every matched
/// case; one counted crossing fails the gate, and so do a comparison that matched no case, a
/// gated figure one side has and the other lacks, and an expression that applies to no case.
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
                    evaluate(expression, in: matched, place: prefix + matched.key.description, into: &outcome)
                }
            }
        }
        outcome.unevaluated = expressions.map(\.text).filter { !outcome.evaluated.contains($0) }
        return outcome
    }

    /// Adds what `expression` finds in `matched` to `outcome`: a crossing, a change not counted, or
    /// a problem when one side has the figure and the other does not (a missing value fails the
    /// gate rather than passing it unseen). A figure neither side has leaves the case out.
    private func evaluate(
        _ expression: GateExpression,
        in matched: CaseComparison,
        place: String,
        into outcome: inout GateOutcome
    ) {
        let baseline = matched.baselineValues[expression.figure]
        let candidate = matched.candidateValues[expression.figure]
        guard baseline != nil || candidate != nil else { return }
        outcome.evaluated.insert(expression.text)
        let name = expression.figure.name
        guard let candidate else {
            outcome.problems.append(
                "\(name): the candidate has no value in \(place) (the baseline has), so '\(expression.text)' "
                    + "cannot be checked"
            )
            return
        }
        let observed: Double
        let isSignificant: Bool
        if case .value = expression.operand {
            observed = candidate
            isSignificant = true
        } else {
            guard baseline != nil, let figure = matched[expression.figure] else {
                outcome.problems.append(
                    "\(name): the baseline has no value in \(place) (the candidate has), so the change "
                        + "'\(expression.text)' bounds cannot be measured"
                )
                return
            }
            guard
                let change = expression.operand.isRelative
                    ? figure.relativeChange.map({ $0 * 100 }) : figure.absoluteChange
            else { return }
            observed = change
            isSignificant = figure.isSignificant
        }
        guard expression.comparison.holds(observed, expression.bound) else { return }
        let crossing = GateCrossing(
            expression: expression.text,
            place: place,
            observed: observed,
            operand: expression.operand,
            isSignificant: isSignificant
        )
        if crossing.isSignificant || isStrict {
            outcome.crossings.append(crossing)
        } else {
            outcome.insignificant.append(crossing)
        }
    }

    /// The gate's outcome over a run's own cases (bounds on values only), each case named by
    /// its place and giving a figure's value by name.
    func evaluate(cases: [(place: String, value: (ComparisonFigure) -> Double?)]) -> GateOutcome {
        var outcome = GateOutcome()
        for (place, value) in cases {
            for expression in expressions {
                outcome.evaluated.insert(expression.text)
                guard let observed = value(expression.figure) else {
                    outcome.problems.append(
                        "\(expression.figure.name): the run has no value in \(place) (e.g. no request succeeded, "
                            + "or the metric is not measured), so '\(expression.text)' cannot be checked"
                    )
                    continue
                }
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
