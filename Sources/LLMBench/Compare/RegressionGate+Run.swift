extension RegressionGate {
    /// The gate's outcome over a finished run's own cases (the config's `fail_on`, bounds on
    /// values): each case or sweep step named by its number from 1, as the console numbers them,
    /// and its lengths and load.
    public func evaluate(_ report: BenchmarkReport) -> GateOutcome {
        let swept = Set(report.cases.filter { $0.step > 0 }.map(\.caseIndex))
        return evaluate(
            cases: report.cases.map { summary in
                let step = swept.contains(summary.caseIndex) ? " step \(summary.step + 1)" : ""
                let place =
                    "case \(summary.caseIndex + 1)\(step) (\(summary.benchmarkCase.inputTokens) in / "
                    + "\(summary.benchmarkCase.outputTokens) out, \(ConsoleSummary.loadDescription(summary)))"
                return (place, { figure in Self.value(of: figure, in: summary) })
            }
        )
    }

    /// The figure's value in a case's summary, as its results row states it.
    static func value(of figure: ComparisonFigure, in summary: CaseSummary) -> Double? {
        switch figure {
        case .latency(let metric, let statistic): summary.latency[metric]?[statistic.distributionStatistic]
        case .distribution: nil
        case .outputThroughput: summary.outputThroughput
        case .requestThroughput: summary.requestThroughput
        case .failedShare:
            summary.measuredRequests > 0
                ? 100 * Double(summary.failedRequests) / Double(summary.measuredRequests) : nil
        }
    }
}
