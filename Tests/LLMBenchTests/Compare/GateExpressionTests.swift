import Testing

@testable import LLMBench

/// The gate's grammar: METRIC OP VALUE, with signed changes and percentages.
struct GateExpressionTests {
    @Test(arguments: [
        (
            "ttft_p99_ms>+10%", ComparisonFigure.latency(.ttft, .p99), GateExpression.Comparison.greater,
            GateExpression.Operand.relativeChange(percent: 10)
        ),
        ("output_throughput_tps<-5%", .outputThroughput, .less, .relativeChange(percent: -5)),
        ("e2e_p50_ms>+50", .latency(.e2e, .p50), .greater, .absoluteChange(50)),
        ("ttft_p99_ms <= 500", .latency(.ttft, .p99), .lessOrEqual, .value(500)),
        ("failed_requests_pct>=0.5", .failedShare, .greaterOrEqual, .value(0.5)),
        ("itl_mean_ms>-1.5", .latency(.itl, .mean), .greater, .absoluteChange(-1.5)),
    ])
    func parsesMetricOperatorAndBound(
        text: String,
        figure: ComparisonFigure,
        comparison: GateExpression.Comparison,
        operand: GateExpression.Operand
    ) throws {
        let expression = try GateExpression(parsing: text)
        #expect(expression.figure == figure)
        #expect(expression.comparison == comparison)
        #expect(expression.operand == operand)
        #expect(expression.text == text)
    }

    @Test(arguments: [
        ("tfft_p99_ms>+10%", "names no known metric 'tfft_p99_ms'"),
        ("ttft_p99_ms=5", "has no comparison"),
        (">5", "names no metric"),
        ("ttft_p99_ms>", "has no number"),
        ("ttft_p99_ms>fast", "has no number"),
        ("ttft_p99_ms>10%", "a percentage without a sign"),
        ("ttft_distribution>0", "names no known metric"),
    ])
    func aBadExpressionIsNamedWithTheKnownMetrics(text: String, problem: String) {
        #expect {
            try GateExpression(parsing: text)
        } throws: { error in
            let message = "\(error)"
            return message.contains("'\(text)'") && message.contains(problem) && message.contains("ttft_p99_ms")
                && message.contains("output_throughput_tps") && message.contains("failed_requests_pct")
        }
    }

    @Test func theKnownMetricsAreTheResultsColumnsCompared() {
        let names = ComparisonFigure.valued.map(\.name)
        #expect(names.prefix(4) == ["ttft_mean_ms", "ttft_p50_ms", "ttft_p90_ms", "ttft_p99_ms"])
        #expect(names.contains("connect_p50_ms"))
        #expect(!names.contains("connect_p99_ms"))
        #expect(names.suffix(3) == ["output_throughput_tps", "request_throughput_rps", "failed_requests_pct"])
        for name in names where name.hasSuffix("_ms") {
            #expect(ResultRow.columns.contains(name), "\(name)")
        }
    }
}
