import Foundation

/// One threshold of the regression gate, k6 style: `METRIC OP VALUE`, crossed when it holds.
///
/// `METRIC` is a figure's name (`ttft_p99_ms`, `output_throughput_tps`, `failed_requests_pct`);
/// `OP` is `>`, `<`, `>=` or `<=`; `VALUE` is a number for the candidate's value itself
/// (`ttft_p99_ms>500`), a signed number for the change in the metric's unit (`e2e_p50_ms>+50`),
/// or a signed percentage for the relative change (`ttft_p99_ms>+10%`, `output_throughput_tps<-5%`).
public struct GateExpression: Sendable, Equatable, CustomStringConvertible {
    /// How the figure is compared with the bound.
    public enum Comparison: String, Sendable, CaseIterable {
        case greaterOrEqual = ">="
        case lessOrEqual = "<="
        case greater = ">"
        case less = "<"

        func holds(_ value: Double, _ bound: Double) -> Bool {
            switch self {
            case .greaterOrEqual: value >= bound
            case .lessOrEqual: value <= bound
            case .greater: value > bound
            case .less: value < bound
            }
        }
    }

    /// What the bound applies to.
    public enum Operand: Sendable, Equatable {
        /// The candidate's (or the run's) value.
        case value(Double)
        /// Candidate − baseline, in the metric's unit.
        case absoluteChange(Double)
        /// (candidate − baseline) / baseline, in percent.
        case relativeChange(percent: Double)
    }

    /// The expression as given.
    public let text: String
    let figure: ComparisonFigure
    public let comparison: Comparison
    public let operand: Operand

    /// Parses `text`; a `GateError` names what is wrong.
    public init(parsing text: String) throws(GateError) {
        self.text = text
        let compact = text.filter { !$0.isWhitespace }
        guard
            let (comparison, range) = Comparison.allCases.lazy.compactMap({ comparison in
                compact.range(of: comparison.rawValue).map { (comparison, $0) }
            }).first
        else {
            throw GateError(expression: text, problem: "has no comparison (>, <, >= or <=)")
        }
        let name = String(compact[..<range.lowerBound])
        var bound = Substring(compact[range.upperBound...])
        guard let figure = ComparisonFigure(name: name) else {
            throw GateError(
                expression: text,
                problem: name.isEmpty ? "names no metric" : "names no known metric '\(name)'"
            )
        }
        let sign = bound.first.flatMap { $0 == "+" || $0 == "-" ? $0 : nil }
        if sign != nil { bound = bound.dropFirst() }
        let isPercentage = bound.last == "%"
        if isPercentage { bound = bound.dropLast() }
        guard bound.first?.isNumber == true, var number = Double(bound), number.isFinite else {
            throw GateError(expression: text, problem: "has no number after '\(comparison.rawValue)'")
        }
        if sign == "-" { number = -number }
        switch (sign != nil, isPercentage) {
        case (true, true): operand = .relativeChange(percent: number)
        case (true, false): operand = .absoluteChange(number)
        case (false, false): operand = .value(number)
        case (false, true):
            throw GateError(
                expression: text,
                problem: "gives a percentage without a sign; a percentage is a change, write +\(bound)% or -\(bound)%"
            )
        }
        self.figure = figure
        self.comparison = comparison
    }

    /// Whether it bounds a change, which needs a baseline (and a significant difference).
    public var isChange: Bool {
        if case .value = operand { return false }
        return true
    }

    /// The bound, in the operand's unit.
    var bound: Double {
        switch operand {
        case .value(let bound), .absoluteChange(let bound), .relativeChange(let bound): bound
        }
    }

    public var description: String { text }
}

extension GateExpression.Operand {
    /// Whether it bounds the relative change.
    var isRelative: Bool {
        if case .relativeChange = self { return true }
        return false
    }
}
