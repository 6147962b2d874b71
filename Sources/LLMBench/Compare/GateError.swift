/// A `--fail-on` (or `fail_on`) expression that cannot be used.
public struct GateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The expression as given.
    public let expression: String
    /// What is wrong with it.
    public let problem: String

    public var description: String {
        let names = ComparisonFigure.valued.map(\.name).joined(separator: ", ")
        return """
            the gate expression '\(expression)' \(problem). Write METRIC OP VALUE with OP one of >, <, >=, <= and \
            VALUE a number (the candidate's value), a signed number (+50: the change in the metric's unit) or a \
            signed percentage (+10%: the relative change), e.g. 'ttft_p99_ms>+10%' or 'output_throughput_tps<-5%'. \
            Known metrics: \(names).
            """
    }
}
