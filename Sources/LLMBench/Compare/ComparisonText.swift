import Foundation

/// The texts the console and Markdown renderings of a comparison share: figures, changes, tests
/// and notes, each formatted one way.
enum ComparisonText {
    /// The column heads of a case's table.
    static let headers = ["figure", "baseline", "candidate", "change", "change %", "test", "verdict"]

    /// The cells of one figure's row, as `headers` names them.
    static func cells(_ comparison: MetricComparison) -> [String] {
        let figure = comparison.figure
        return [
            figure.name,
            value(comparison.baseline, of: figure),
            value(comparison.candidate, of: figure),
            comparison.absoluteChange.map { signed($0, decimals: decimals(of: figure)) } ?? "-",
            comparison.relativeChange.map { percent($0 * 100) } ?? "-",
            test(comparison.test),
            comparison.verdict.rawValue,
        ]
    }

    /// A figure's value: ms with 3 decimals, throughput and percentages with 2.
    static func value(_ value: Double?, of figure: ComparisonFigure) -> String {
        guard let value, value.isFinite else { return "-" }
        return String(format: "%.\(decimals(of: figure))f", value)
    }

    private static func decimals(of figure: ComparisonFigure) -> Int {
        if case .latency = figure { return 3 }
        return 2
    }

    private static func signed(_ value: Double, decimals: Int) -> String {
        String(format: "%+.\(decimals)f", value)
    }

    /// A relative change in percent: `+12.5 %`, or `+inf %` / `-inf %` from a baseline of 0.
    static func percent(_ value: Double) -> String {
        value.isInfinite ? (value > 0 ? "+inf %" : "-inf %") : String(format: "%+.1f %%", value)
    }

    /// The test and its outcome in a few words: `95% CI [+1.234, +2.345]`, `U p=0.0012, P(c>b)=0.93`.
    static func test(_ test: SignificanceTest) -> String {
        switch test {
        case .bootstrap(let interval, _, _, _):
            let decimals = 3
            return String(format: "%.0f%% CI ", interval.level * 100)
                + "[\(signed(interval.lower, decimals: decimals)), \(signed(interval.upper, decimals: decimals))]"
        case .mannWhitney(let test, let samples):
            let windows = samples.hasPrefix("per-window") ? " (windows)" : ""
            return "U\(windows) p=\(pValue(test.pValue)), P(c>b)=" + String(format: "%.2f", test.commonLanguageEffect)
        case .fisherExact(let value):
            return "Fisher p=\(pValue(value))"
        case .notTested:
            return "-"
        }
    }

    /// A p-value with two significant digits: `0.0012`, `3.4e-25`, `1`.
    static func pValue(_ value: Double) -> String {
        String(format: "%.2g", value)
    }

    /// The settings a reader needs to weigh the verdicts.
    static func method(_ options: ComparisonOptions) -> String {
        String(
            format: "significance level %g (%g%% intervals), seed %llu; percentiles and means by a %d-resample "
                + "percentile bootstrap (at most %d values per side, a seeded subsample of more), distributions by "
                + "Mann-Whitney U, throughput by Mann-Whitney U over %d equal time windows per run, failures by "
                + "Fisher's exact test",
            options.alpha,
            (1 - options.alpha) * 100,
            options.seed,
            options.bootstrapResamples,
            options.bootstrapSampleCap,
            options.throughputWindows
        )
    }

    /// What the tests leave out: run-to-run variation; and, when a side holds a single run, what
    /// to do about it.
    static func caveats(_ comparison: RunComparison) -> [String] {
        var caveats = [
            "the intervals and tests treat requests as independent and do not include run-to-run variation "
                + "(what all requests of one run share, e.g. the server's state and the machine's load), so two "
                + "runs of one setting can differ significantly"
        ]
        let single = [
            comparison.baselineRunIDs.count == 1 ? "the baseline" : nil,
            comparison.candidateRunIDs.count == 1 ? "the candidate" : nil,
        ].compactMap { $0 }
        if !single.isEmpty {
            caveats.append(
                "\(single.joined(separator: " and ")) \(single.count == 1 ? "holds one run" : "hold one run each"): use "
                    + "several runs per side (a folder of repeated runs is pooled) and gate margins above the "
                    + "run-to-run spread"
            )
        }
        return caveats
    }

    /// `abc123` or `abc123, def456 (2 runs pooled)`.
    static func runs(_ ids: [String]) -> String {
        ids.count > 1 ? ids.joined(separator: ", ") + " (\(ids.count) runs pooled)" : ids.joined()
    }

    /// `200 requests (1 run) against 180 requests (1 run)`.
    static func sizes(_ comparison: CaseComparison) -> String {
        "baseline \(comparison.baselineRequests) requests (\(runCount(comparison.baselineCases))), "
            + "candidate \(comparison.candidateRequests) requests (\(runCount(comparison.candidateCases)))"
    }

    private static func runCount(_ count: Int) -> String { count == 1 ? "1 run" : "\(count) runs" }

    /// Notes under a case's table: untested figures and why, bootstraps that drew from a subsample.
    static func notes(_ comparison: CaseComparison) -> [String] {
        var notes: [String] = []
        for figure in comparison.figures {
            if case .notTested(let reason) = figure.test {
                notes.append("\(figure.figure.name) not tested: \(reason).")
            }
        }
        for metric in LatencyMetric.allCases {
            guard case .mannWhitney(let all, _)? = comparison[.distribution(metric)]?.test,
                let used = comparison.figures.lazy.compactMap({ figure -> (Int, Int)? in
                    guard case .latency(metric, _) = figure.figure,
                        case .bootstrap(_, _, let baseline, let candidate) = figure.test
                    else { return nil }
                    return (baseline, candidate)
                }).first,
                used.0 < all.baselineCount || used.1 < all.candidateCount
            else { continue }
            notes.append(
                "\(metric.columnPrefix) intervals drawn from a seeded subsample of \(used.0) of \(all.baselineCount) "
                    + "baseline and \(used.1) of \(all.candidateCount) candidate values (wider than for all values)."
            )
        }
        return notes
    }

    /// Where only one side has a case.
    static func unmatched(_ comparison: RunComparison) -> [String] {
        comparison.unmatchedBaseline.map { "only in the baseline: \($0.description)" }
            + comparison.unmatchedCandidate.map { "only in the candidate: \($0.description)" }
    }
}
