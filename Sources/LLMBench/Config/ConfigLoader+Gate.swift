import Yams

extension ConfigLoader {
    /// Reads `fail_on:`, the run's own regression gate: expressions bounding its values
    /// (`ttft_p99_ms>500`), checked when the config loads. Bounds on changes need a baseline and
    /// belong to `llm-bench compare --fail-on`. An empty list (as the summary writes it) gates nothing.
    static func failOn(_ top: ConfigMapping) throws(ConfigError) -> [GateExpression] {
        guard let nodes = try top.sequence("fail_on") else { return [] }
        var expressions: [GateExpression] = []
        for (index, node) in nodes.enumerated() {
            let key = "fail_on[\(index)]"
            guard let text = node.scalar?.string else {
                throw .wrongType(
                    top.location(of: node),
                    key: key,
                    expected: "a gate expression such as 'ttft_p99_ms>500'",
                    found: ConfigMapping.describe(node)
                )
            }
            let rule = "a gate expression METRIC OP NUMBER such as 'ttft_p99_ms>500' or 'failed_requests_pct>1'"
            let expression: GateExpression
            do {
                expression = try GateExpression(parsing: text)
            } catch {
                throw .outOfRange(top.location(of: node), key: key, value: "'\(text)'", rule: "\(rule) (\(error))")
            }
            guard !expression.isChange else {
                throw .outOfRange(
                    top.location(of: node),
                    key: key,
                    value: "'\(text)'",
                    rule:
                        "\(rule): a run alone has no baseline, so a change (+10%, +50) belongs to 'llm-bench compare --fail-on'"
                )
            }
            expressions.append(expression)
        }
        return expressions
    }
}
