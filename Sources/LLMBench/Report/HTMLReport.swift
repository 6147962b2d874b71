/// The HTML report of one run, a sweep, or several runs overlaid: one self-contained page (inline
/// CSS, SVG charts, a small optional script, no external reference) built only from the runs'
/// files as read back, the same bytes for the same runs.
struct HTMLReport: Sendable {
    let runs: [ReportRun]
    let options: ReportOptions

    /// A report of `runs` (in the order given: each run's colour in shared charts).
    init(runs: [RunResults], options: ReportOptions = .init()) {
        self.runs = ReportRun.labelled(runs)
        self.options = options
    }

    /// The page.
    func render() -> String {
        let load = LoadCurves(runs: runs)
        let cases = ReportCase.grouped(runs).map { CaseCharts($0, maximumPoints: distributionPointLimit) }
        var sections: [(id: String, title: String, html: String)] = []
        if runs.isEmpty {
            sections.append(("runs", "Runs", Self.noRunText))
        } else {
            sections += [
                ("runs", runs.count > 1 ? "Runs" : "Run", runsSection),
                ("overview", "Cases at a glance", overviewSection),
            ]
            if load.isShown { sections.append(("load", "Latency and throughput against load", loadSection(load))) }
            sections.append(("over-time", "Over time", overTimeSection))
            for charts in cases {
                sections.append((charts.reportCase.sectionID, caseTitle(charts.reportCase), caseSection(charts)))
            }
            sections.append(("definitions", "Metric definitions", definitionsSection))
        }

        var html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        html += "<meta name=\"generator\" content=\"\(HTMLEscaping.escaped(generator))\">"
        html += "<title>\(HTMLEscaping.escaped(title))</title>"
        html += "<style>\(ReportStylesheet.css)\(ChartRenderer.stylesheet)</style></head>\n<body>"
        html +=
            "<header><h1>\(HTMLEscaping.escaped(title))</h1><p class=\"lead\">\(HTMLEscaping.escaped(lead))</p></header>\n"
        html += "<nav aria-label=\"Sections\"><ol>"
        for section in sections {
            html += "<li><a href=\"#\(section.id)\">\(HTMLEscaping.escaped(section.title))</a></li>"
        }
        html += "</ol></nav>\n<main>"
        html += unfinishedNotice
        for section in sections {
            html += "<section id=\"\(section.id)\" aria-labelledby=\"\(section.id)-heading\">"
            html +=
                "<h2 id=\"\(section.id)-heading\">\(HTMLEscaping.escaped(section.title))</h2>\(section.html)</section>\n"
        }
        html += "</main><footer><p>\(HTMLEscaping.escaped(footer))</p></footer>"
        html += "<script>\(ReportScript.source)</script></body></html>\n"
        return html
    }

    /// The page's title: the options' or one naming the runs.
    var title: String {
        if let title = options.title { return title }
        guard !runs.isEmpty else { return "llm-bench report: no run" }
        return "llm-bench report: " + (runs.count == 1 ? "run \(runs[0].results.runID)" : "\(runs.count) runs")
    }

    /// What the page of no run says instead of figures.
    static let noRunText =
        "<p>No run was found, so there is nothing to show. Give <code>llm-bench report</code> a run's summary,"
        + " results or requests file, or a folder holding runs.</p>"

    /// The tool and version of the first run.
    private var generator: String {
        guard let results = runs.first?.results else { return "llm-bench" }
        return results.version.isEmpty ? results.tool : "\(results.tool) \(results.version)"
    }

    /// A warning at the top of the page for each run killed before its end, which left an empty
    /// summary: what the page shows of it and what it cannot know.
    private var unfinishedNotice: String {
        let unfinished = runs.filter(\.results.isUnfinished)
        guard !unfinished.isEmpty else { return "" }
        let names = unfinished.map { "run \($0.results.runID)" }.joined(separator: ", ")
        let (was, its) = unfinished.count == 1 ? ("was", "its") : ("were", "their")
        let text =
            "\(names) \(was) killed before \(its) end and left an empty summary: \(its) config, seed, tool version,"
            + " end and metric definitions are unknown. The page shows the cases \(unfinished.count == 1 ? "it" : "they")"
            + " finished (from \(its) results file) and the requests \(its) requests file holds."
        return "<p class=\"warning\" role=\"note\"><strong>Unfinished run.</strong> \(HTMLEscaping.escaped(text))</p>"
    }

    /// One line under the title: model, target and start of each run.
    private var lead: String {
        runs.map { run in
            let config = ReportConfig(run.results.config)
            let parts = [
                runs.count > 1 ? run.label : nil,
                config.text("model").map { "model \($0)" },
                config.text("base_url").map { "target \($0)" },
                run.results.startedAt.isEmpty ? nil : "started \(run.results.startedAt)",
                run.results.isUnfinished ? "killed before its end" : nil,
                run.results.wasInterrupted && !run.results.isUnfinished ? "interrupted" : nil,
            ]
            return parts.compactMap { $0 }.joined(separator: " · ")
        }.joined(separator: "; ")
    }

    private var footer: String {
        "Written by \(generator) from the runs' result files. Warm-up requests are left out of every figure and chart,"
            + " as the summary leaves them out. Scripts only add hover values and series toggles (click a legend entry)."
    }

    /// The points of all CDF series of the page together, which keeps a long sweep's page small.
    static let distributionPointBudget = 3200

    /// The most points one CDF series keeps: `CumulativeDistribution.maximumPoints`, less when
    /// the page has so many cases (four CDFs each, one series per run) that the budget requires.
    var distributionPointLimit: Int {
        let series = 4 * runs.reduce(0) { $0 + $1.results.cases.count }
        return min(CumulativeDistribution.maximumPoints, max(20, Self.distributionPointBudget / max(1, series)))
    }
}
