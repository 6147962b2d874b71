extension RegressionGate {
    /// The gate's outcome over a finished run's own cases (the config's `fail_on`, bounds on
    /// values): each case or sweep step named by its lengths and load.
    public func evaluate(_ report: BenchmarkReport) -> GateOutcome {
        evaluate(
            cases: report.cases.map { summary in
                let place =
                    "case \(summary.caseIndex) (\(summary.benchmarkCase.inputTokens) in / "
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
