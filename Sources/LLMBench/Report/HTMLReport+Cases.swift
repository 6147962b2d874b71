import Foundation

extension HTMLReport {
    /// The headline figures of every case (or step) of every run, from the results columns.
    var overviewSection: String {
        let latencies: [(LatencyMetric, Distribution.Statistic)] = [
            (.ttft, .p50), (.ttft, .p99), (.tpot, .mean), (.itl, .p99), (.e2e, .p50), (.e2e, .p99),
        ]
        let hasSLOs = runs.contains { $0.results.cases.contains { $0.columns["slo_met"].map { $0 != .null } ?? false } }
        var headers = ["case"] + (runs.count > 1 ? ["run"] : []) + ["load", "ok", "failed"]
        headers += latencies.map { "\($0.0.reportName) \($0.1.rawValue) (ms)" } + ["output tokens/s"]
        if hasSLOs { headers += ["SLOs met", "goodput (req/s)"] }
        var rows: [[HTMLTable.Cell]] = []
        for reportCase in ReportCase.grouped(runs) {
            for entry in reportCase.entries {
                let results = entry.results
                let name = caseName(results) + " · " + reportCase.settingText
                var row: [HTMLTable.Cell] = [
                    .markup("<a href=\"#\(reportCase.sectionID)\">\(HTMLEscaping.escaped(name))</a>")
                ]
                if runs.count > 1 { row.append(.text(entry.run.label)) }
                row.append(.text(Self.loadText(results)))
                row.append(HTMLTable.figure(results.number("successful_requests"), decimals: 0))
                row.append(HTMLTable.figure(results.number("failed_requests"), decimals: 0))
                row += latencies.map { HTMLTable.figure(results.number("\($0.0.columnPrefix)_\($0.1.columnSuffix)")) }
                row.append(HTMLTable.figure(results.number("output_throughput_tps"), decimals: 1))
                if hasSLOs {
                    let met: String =
                        switch results.columns["slo_met"] {
                        case .bool(true): "yes"
                        case .bool(false): "no"
                        default: "–"
                        }
                    row += [.text(met), HTMLTable.figure(results.number("goodput_rps"))]
                }
                rows.append(row)
            }
        }
        guard !rows.isEmpty else { return "<p>The runs have no case results.</p>" }
        return HTMLTable(caption: "Headline figures per case, from the results files", headers: headers, rows: rows)
            .html
    }

    /// A case's (or step's) section: its latency table, failures, distributions and lengths.
    func caseSection(_ charts: CaseCharts) -> String {
        let entries = charts.reportCase.entries.map { (run: $0.run, results: $0.results) }
        var html = ""
        if let first = entries.first {
            html += "<p>\(HTMLEscaping.escaped(Self.caseDetails(first.results)))</p>"
        }
        html += latencyTable(entries, title: caseTitle(charts.reportCase))
        html += turnTable(entries)
        html += failureTable(entries)
        let figures = charts.distributionCharts + charts.lengthCharts
        if !figures.isEmpty {
            html += "<div class=\"charts\">" + figures.map(ChartRenderer.figure).joined() + "</div>"
        }
        return html
    }

    /// The section's title: what the case is (lengths, workload, load), after its name in the
    /// runs ("Case 1", "Case 2 step 3") when every run that ran it gives it the same one.
    func caseTitle(_ reportCase: ReportCase) -> String {
        let names = Set(reportCase.entries.map { caseName($0.results) })
        guard names.count == 1, let name = names.first else { return reportCase.settingText }
        return "\(name) · \(reportCase.settingText)"
    }

    private func latencyTable(_ entries: [(run: ReportRun, results: CaseResults)], title: String) -> String {
        var rows: [[HTMLTable.Cell]] = []
        for entry in entries {
            for row in PercentileTable(entry.results).rows {
                let values = row.values.map { HTMLTable.figure($0) }
                rows.append((runs.count > 1 ? [.text(entry.run.label)] : []) + [.text(row.metric.reportName)] + values)
            }
        }
        guard !rows.isEmpty else { return "<p>No latency was measured.</p>" }
        let headers = (runs.count > 1 ? ["run"] : []) + ["metric"] + PercentileTable.statistics.map(\.rawValue)
        return HTMLTable(
            caption: "Latency (ms) of \(title), from the results columns",
            headers: headers,
            rows: rows,
            rowHeaderCount: runs.count > 1 ? 2 : 1
        ).html
    }

    /// A multi-turn case's figures per turn index: the prompt the server counted growing with the
    /// history, its cache hits, and the latencies; nothing for a case of single requests.
    private func turnTable(_ entries: [(run: ReportRun, results: CaseResults)]) -> String {
        let columns: [(header: String, column: String, decimals: Int)] = [
            ("ok", "successful_requests", 0), ("failed", "failed_requests", 0),
            ("prompt tokens (server, mean)", "mean_input_tokens_server", 1),
            ("cached prompt tokens (%)", "cached_prompt_token_rate", 1),
            ("TTFT p50 (ms)", "ttft_p50_ms", 2), ("TTFT p99 (ms)", "ttft_p99_ms", 2),
            ("TPOT mean (ms)", "tpot_mean_ms", 2), ("E2E p50 (ms)", "e2e_p50_ms", 2),
        ]
        var rows: [[HTMLTable.Cell]] = []
        for entry in entries {
            for (turn, results) in entry.results.turns {
                let figures = columns.map { column in
                    let value = results.number(column.column)
                    return HTMLTable.figure(
                        column.column == "cached_prompt_token_rate" ? value.map { $0 * 100 } : value,
                        decimals: column.decimals
                    )
                }
                rows.append((runs.count > 1 ? [.text(entry.run.label)] : []) + [.text("turn \(turn)")] + figures)
            }
        }
        guard !rows.isEmpty else { return "" }
        return HTMLTable(
            caption: "Per turn of the sessions: each turn index over all sessions",
            headers: (runs.count > 1 ? ["run"] : []) + ["turn"] + columns.map(\.header),
            rows: rows,
            rowHeaderCount: runs.count > 1 ? 2 : 1
        ).html
    }

    /// Failed requests by class with a bar each; nothing when nothing failed.
    private func failureTable(_ entries: [(run: ReportRun, results: CaseResults)]) -> String {
        let classes = entries.map { ($0.run, FailureClasses($0.results)) }.filter { $0.1.total > 0 }
        guard !classes.isEmpty else { return "" }
        let largest = classes.flatMap { $0.1.entries.map(\.count) }.max() ?? 1
        var rows: [[HTMLTable.Cell]] = []
        for (run, failures) in classes {
            for entry in failures.entries {
                let share = Double(entry.count) / Double(max(1, largest)) * 100
                let bar = "<span class=\"bar\" style=\"width:\(ChartNumberFormat.fixed(share, decimals: 1))%\"></span>"
                rows.append(
                    (runs.count > 1 ? [.text(run.label)] : []) + [
                        .text(entry.kind), .number(String(entry.count)), .markup(bar),
                    ]
                )
            }
        }
        return HTMLTable(
            caption: "Failed requests by class",
            headers: (runs.count > 1 ? ["run"] : []) + ["class", "requests", ""],
            rows: rows,
            rowHeaderCount: runs.count > 1 ? 2 : 1
        ).html
    }

    /// "Case 1", or "Case 1 step 2" for a step of a swept case.
    func caseName(_ results: CaseResults) -> String {
        let isSwept = runs.contains { $0.results.cases.contains { $0.caseIndex == results.caseIndex && $0.step > 0 } }
        return "Case \(results.caseIndex + 1)" + (isSwept ? " step \(results.step + 1)" : "")
    }

    /// The load of a case: `rate 5/s (achieved 4.9/s)` or `c=16`.
    static func loadText(_ results: CaseResults) -> String {
        if let rate = results.number("target_rate_rps") {
            var text = "rate \(JSONObjectWriter.number(rate))/s"
            if let achieved = results.number("achieved_rate_rps") {
                text += String(format: " (achieved %.2f/s)", achieved)
            }
            return text
        }
        let concurrency = results.number("load_concurrency") ?? results.number("num_concurrent_requests")
        return "c=\(integer(concurrency))"
    }

    /// A line of the case's setting: model, load mode, runs, prompt source, workload, timestamp source.
    private static func caseDetails(_ results: CaseResults) -> String {
        let parts: [String?] = [
            results.text("model").map { "model \($0)" },
            results.text("load_mode").map { "load mode \($0)" },
            results.number("runs").map { "runs \(integer($0))" },
            results.number("mean_concurrency").map { String(format: "mean in flight %.1f", $0) },
            results.text("workload").map { "workload \($0)" },
            results.text("prompt_source").flatMap { $0.isEmpty ? nil : "prompts \($0)" },
            results.text("timestamp_source").map { "timestamps \($0)" },
            results.number("wall_time_s").map { String(format: "wall time %.2f s", $0) },
        ]
        return parts.compactMap { $0 }.joined(separator: " · ")
    }

    private static func integer(_ value: Double?) -> String {
        value.map { JSONObjectWriter.number($0) } ?? "–"
    }
}
