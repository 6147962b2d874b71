import Foundation

extension HTMLReport {
    /// Who ran what: one column per run (tool, target, model, dates, seed, load model), then each
    /// run's config as run and its files.
    var runsSection: String {
        let fields: [(String, (ReportRun) -> String)] = [
            (
                "Tool",
                {
                    $0.results.version.isEmpty
                        ? "\($0.results.tool) (version –)" : "\($0.results.tool) \($0.results.version)"
                }
            ),
            ("Run id", { $0.results.runID }),
            ("Target (base_url)", { ReportConfig($0.results.config).text("base_url") ?? "–" }),
            ("Model", { ReportConfig($0.results.config).text("model") ?? Self.caseTexts($0, "model") ?? "–" }),
            ("API", { ReportConfig($0.results.config).text("api") ?? "–" }),
            ("Started (UTC)", { $0.results.startedAt.isEmpty ? "–" : $0.results.startedAt }),
            ("Finished (UTC)", { $0.results.finishedAt.isEmpty ? "–" : $0.results.finishedAt }),
            ("Seed", { $0.results.seed.map(String.init) ?? "–" }),
            (
                "Load model",
                { ReportConfig($0.results.config).loadDescription ?? Self.caseTexts($0, "load_mode") ?? "–" }
            ),
            ("SLOs", { $0.results.isUnfinished ? "–" : Self.serviceLevelText(ReportConfig($0.results.config)) }),
            ("Config file", { $0.results.configFile ?? "–" }),
            ("Requests counted", { Self.requestCounts($0) }),
            ("Interrupted", { Self.interruptionText($0.results) }),
        ]
        let table = HTMLTable(
            caption: runs.count > 1 ? "The runs compared" : "The run",
            headers: [""] + runs.map(\.label),
            rows: fields.map { name, value in [.text(name)] + runs.map { .text(value($0)) } }
        )
        var html = table.html
        for run in runs {
            let name = runs.count > 1 ? " of \(run.label)" : ""
            html +=
                "<details><summary>Config as run\(HTMLEscaping.escaped(name)) (secrets redacted by the run)</summary>"
            html +=
                run.results.isUnfinished
                ? "<p>Unknown: the run was killed before its end and left an empty summary.</p></details>"
                : "<pre><code>\(HTMLEscaping.escaped(run.results.config.text()))</code></pre></details>"
            html += "<details><summary>Files\(HTMLEscaping.escaped(name))</summary><ul class=\"files\">"
            let files = run.results.files
            for (kind, path) in [("summary", files.summary), ("results", files.results), ("requests", files.requests)] {
                guard let path else { continue }
                html += "<li>\(kind): <code>\(HTMLEscaping.escaped(path))</code></li>"
            }
            html += "</ul></details>"
        }
        return html
    }

    /// The definitions the runs' summaries state, by name (each name once, the first run's text).
    var definitionsSection: String {
        var definitions: [String: String] = [:]
        for run in runs { definitions.merge(run.results.definitions) { first, _ in first } }
        guard !definitions.isEmpty else { return "<p>The summary states no definitions.</p>" }
        var html = "<p>As the run's summary states them; all latencies in milliseconds.</p><dl class=\"definitions\">"
        for name in definitions.keys.sorted() {
            html +=
                "<dt><code>\(HTMLEscaping.escaped(name))</code></dt><dd>\(HTMLEscaping.escaped(definitions[name] ?? ""))</dd>"
        }
        return html + "</dl>"
    }

    private static func serviceLevelText(_ config: ReportConfig) -> String {
        let targets = config.serviceLevelTargets
        guard !targets.isEmpty else { return "none" }
        let limits = LatencyMetric.allCases.compactMap { metric in
            targets[metric].map { "\(metric.reportName) ≤ \(JSONObjectWriter.number($0)) ms" }
        }
        return limits.joined(separator: ", ") + " at p\(JSONObjectWriter.number(config.serviceLevelPercentile))"
    }

    /// The distinct values of a text column over the run's cases, joined; nil when none has it.
    private static func caseTexts(_ run: ReportRun, _ column: String) -> String? {
        var texts: [String] = []
        for text in run.results.cases.compactMap({ $0.text(column) }) where !texts.contains(text) {
            texts.append(text)
        }
        return texts.isEmpty ? nil : texts.joined(separator: ", ")
    }

    private static func interruptionText(_ results: RunResults) -> String {
        if results.isUnfinished { return "yes: killed before its end (its summary is empty)" }
        return results.wasInterrupted ? "yes: stopped before its end" : "no"
    }

    private static func requestCounts(_ run: ReportRun) -> String {
        let failed = run.records.count { !$0.isSuccess }
        let warmups = run.results.records.count - run.records.count
        var text = "\(run.records.count) (\(run.records.count - failed) ok, \(failed) failed)"
        if warmups > 0 { text += "; \(warmups) warm-up left out" }
        return text
    }
}
