/// The outcome of `llm-bench compare`: one comparison per candidate against the baseline, and
/// the gate's verdict on them, ready to render as a console table, Markdown or JSON.
public struct ComparisonReport: Sendable {
    /// How the report is written.
    public enum Format: String, Sendable, CaseIterable {
        /// Aligned tables for a terminal.
        case console
        /// Tables for a pull-request comment.
        case markdown
        /// One JSON object, keys sorted, numbers as computed.
        case json
    }

    public let comparisons: [RunComparison]
    public let gate: RegressionGate
    /// The gate's outcome; nil without expressions.
    public let outcome: GateOutcome?

    /// The report of `comparisons`, gated by `gate`.
    public init(comparisons: [RunComparison], gate: RegressionGate = RegressionGate(expressions: [])) {
        self.comparisons = comparisons
        self.gate = gate
        outcome = gate.expressions.isEmpty ? nil : gate.evaluate(comparisons)
    }

    /// The report as text in `format`; the same runs and options give the same bytes.
    public func render(_ format: Format) -> String {
        switch format {
        case .console: consoleText()
        case .markdown: markdownText()
        case .json: jsonText()
        }
    }
}
