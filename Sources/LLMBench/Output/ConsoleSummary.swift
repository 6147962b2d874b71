import Foundation

/// The console's figures, as text: each case's block, the final table and where the files are.
/// Pure functions of the summaries, pinned by tests; the command line prints them.
enum ConsoleSummary {
    /// The table of all cases and where the files are, shown when the benchmark ends.
    static func finished(_ report: BenchmarkReport) -> String {
        var text = "\n" + table(report.cases)
        text +=
            "\nResults:  \(report.files.results)\nRequests: \(report.files.requests)\nSummary:  \(report.files.summary)\n"
            + (report.files.turns.map { "Turns:    \($0)\n" } ?? "")
            + (report.files.report.map { "Report:   \($0)\n" } ?? "")
        if report.failedRequests > 0 {
            text +=
                "\(report.failedRequests) of \(report.failedRequests + report.successfulRequests) requests failed; see the requests file.\n"
        }
        return text
    }

    /// One case's figures, shown as it ends.
    static func caseBlock(_ summary: CaseSummary) -> String {
        let c = summary.benchmarkCase
        var lines = [
            "",
            "Case \(summary.caseIndex + 1): \(c.inputTokens) input / \(c.outputTokens) output tokens, \(loadDescription(summary))",
        ]
        lines.append(
            "  requests   \(summary.successfulRequests) ok, \(summary.failedRequests) failed, \(summary.attempts) attempts, \(summary.retriedRequests) retried"
                + (summary.failuresByKind.isEmpty ? "" : " (\(ResultRow.failureCounts(summary.failuresByKind)))")
        )
        lines += latencyLines(summary)
        if let client = clientLine(summary) { lines.append(client) }
        lines.append(
            String(
                format: "  throughput %@ tok/s measured, %@ req/s; spec formula %@ TPS",
                format(summary.outputThroughput) as NSString,
                format(summary.requestThroughput, decimals: 2) as NSString,
                format(summary.specThroughput) as NSString
            )
        )
        let reported = summary.meanOutputTokensServer.map { String(format: "%.1f", $0) } ?? "not reported"
        let prompt = summary.meanInputTokensServer.map { String(format: "%.1f", $0) } ?? "not reported"
        lines.append(
            "  tokens     output asked \(c.outputTokens), server mean \(reported); prompt asked \(c.inputTokens), server mean \(prompt)"
        )
        if summary.load.mode != "waves" { lines.append(loadLine(summary)) }
        if let slo = sloLine(summary.load) { lines.append(slo) }
        lines += turnLines(summary)
        lines += serverLines(summary)
        lines += noteLines(summary)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A multi-turn case's figures per turn index: requests, the prompt length the server counted
    /// (which grows with the history), its cache hits, and the latencies; none for single requests.
    static func turnLines(_ summary: CaseSummary) -> [String] {
        guard !summary.turns.isEmpty else { return [] }
        let header = ["turn", "ok", "failed", "prompt tok", "cached %", "TTFT p50", "TTFT p99", "TPOT p50", "E2E p50"]
        var rows = [header]
        for turn in summary.turns {
            rows.append([
                turn.turn.map(String.init) ?? "-", "\(turn.successfulRequests)", "\(turn.failedRequests)",
                format(turn.meanInputTokensServer), format(turn.serverTimings.cachedPromptTokenRate.map { $0 * 100 }),
                format(turn.latency[.ttft]?.p50, decimals: 2), format(turn.latency[.ttft]?.p99, decimals: 2),
                format(turn.latency[.tpot]?.p50, decimals: 2), format(turn.latency[.e2e]?.p50, decimals: 2),
            ])
        }
        return ["  per turn   (ms; prompt tokens as the server counted them, mean)"]
            + aligned(rows).map { "    " + $0 }
    }

    /// The SLO line of a case with targets: goodput, attainment and the percentile verdict.
    static func sloLine(_ load: LoadSummary) -> String? {
        guard let attainment = load.sloAttainmentPercent else { return nil }
        return String(
            format: "  SLO        goodput %@ req/s, %@ tok/s; %.1f %% of requests met every target; percentiles %@",
            format(load.goodputRequests, decimals: 2) as NSString,
            format(load.goodputTokens) as NSString,
            attainment,
            (load.meetsSLOs == true ? "within targets" : "NOT within targets") as NSString
        )
    }

    /// The notes of a case: packed events, short outputs, prompt length mismatches, unverified lengths.
    static func noteLines(_ summary: CaseSummary) -> [String] {
        let c = summary.benchmarkCase
        var lines: [String] = []
        if let packing = summary.tokensPerEvent, packing > 1.005 {
            lines.append(
                String(
                    format:
                        "  note       the server sent %.2f tokens per event: ITL is the gap between events, TPOT the time per token",
                    packing
                )
            )
        }
        if summary.shortOutputRequests > 0 {
            lines.append("  note       \(summary.shortOutputRequests) request(s) got fewer output tokens than asked")
        }
        if summary.inputMismatchRequests > 0 {
            let asked =
                c.workload.isFixed && c.sharedPrefix == nil ? "\(c.inputTokens)" : "the length prepared for it"
            lines.append(
                "  note       \(summary.inputMismatchRequests) request(s) had a server prompt length other than \(asked)"
            )
        }
        if summary.promptTokensSource == "unverified" {
            lines.append("  note       prompt lengths are unverified: the server reports no prompt length")
        }
        return lines
    }

    /// A line per latency metric the case block shows: mean, p50, p90, p99 and max.
    static func latencyLines(_ summary: CaseSummary) -> [String] {
        LatencyMetric.allCases.compactMap { metric in
            let label: String
            switch metric.consoleLine {
            case .always(let name): label = name
            case .whenMeasured(let name) where summary.latency[metric] != nil: label = name
            case .whenMeasured, .loadLine, .clientLine, nil: return nil
            }
            guard let d = summary.latency[metric] else {
                return "  \(label.padding(toLength: 10, withPad: " ", startingAt: 0)) -"
            }
            return String(
                format: "  %-10@ mean %9.2f  p50 %9.2f  p90 %9.2f  p99 %9.2f  max %9.2f ms",
                label as NSString,
                d.mean,
                d.p50,
                d.p90,
                d.p99,
                d.max
            )
        }
    }

    /// The load line of a case not run in waves: the rates, the mean in flight and the p99 of
    /// each latency metric shown there.
    static func loadLine(_ summary: CaseSummary) -> String {
        let load = summary.load
        var text = "  load       \(load.mode)"
        if let rate = load.targetRate { text += String(format: ", target %.2f req/s", rate) }
        if let achieved = load.achievedRate { text += String(format: ", achieved %.2f req/s", achieved) }
        if let mean = load.meanConcurrency { text += String(format: ", mean in flight %.1f", mean) }
        for metric in LatencyMetric.allCases {
            guard case .loadLine(let label) = metric.consoleLine, let d = summary.latency[metric] else { continue }
            text += String(format: ", %@ p99 %.2f ms", label as NSString, d.p99)
        }
        return text
    }

    /// The final table; a `load` column names each row's concurrency or rate when rows of one case
    /// differ in load (a sweep) or the mode is not waves.
    static func table(_ cases: [CaseSummary]) -> String {
        let namesLoad =
            Set(cases.map(\.caseIndex)).count < cases.count || cases.contains { $0.load.mode != "waves" }
        let latencyColumns = LatencyMetric.allCases.flatMap { metric in
            metric.tableColumns.map { (metric: metric, column: $0) }
        }
        let header =
            ["case"] + (namesLoad ? ["load"] : []) + ["in", "out", "ok", "failed"] + latencyColumns.map(\.column.header)
            + ["out tok/s", "TPS (seed)"]
        var rows = [header]
        for s in cases {
            let latencies = latencyColumns.map { metric, column in
                format(s.latency[metric]?[column.statistic], decimals: column.decimals)
            }
            rows.append(
                ["\(s.caseIndex + 1)"] + (namesLoad ? [loadLabel(s)] : [])
                    + [
                        "\(s.benchmarkCase.inputTokens)", "\(s.benchmarkCase.outputTokens)", "\(s.successfulRequests)",
                        "\(s.failedRequests)",
                    ] + latencies + [format(s.outputThroughput), format(s.specThroughput)]
            )
        }
        return aligned(rows).joined(separator: "\n") + "\n"
    }

    /// `rows` as lines, each column right-aligned to its widest cell.
    static func aligned(_ rows: [[String]]) -> [String] {
        let widths = (rows.first ?? []).indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "  ")
        }
    }

    /// The load of a case block's title: `3 run(s) x 16 concurrent`, `concurrency 16` or `rate 5/s`.
    static func loadDescription(_ summary: CaseSummary) -> String {
        if summary.load.mode == "trace" {
            return summary.load.targetRate.map { String(format: "trace replay, mean %.3g/s", $0) } ?? "trace replay"
        }
        if let rate = summary.load.targetRate { return String(format: "rate %g/s", rate) }
        if summary.load.mode == "concurrency" { return "concurrency \(summary.concurrency)" }
        return "\(summary.runs) run(s) x \(summary.concurrency) concurrent"
    }

    /// e.g. `c=16`, `5/s`, `2x8` (runs x concurrency of waves) or `trace`.
    static func loadLabel(_ summary: CaseSummary) -> String {
        if summary.load.mode == "trace" { return "trace" }
        if let rate = summary.load.targetRate { return String(format: "%g/s", rate) }
        if summary.load.mode == "concurrency" { return "c=\(summary.concurrency)" }
        return "\(summary.runs)x\(summary.concurrency)"
    }

    static func format(_ value: Double?, decimals: Int = 1) -> String {
        guard let value, value.isFinite else { return "-" }
        return String(format: "%.\(decimals)f", value)
    }
}
