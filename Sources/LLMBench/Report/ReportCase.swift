/// A case of the page: what it is (the `CaseKey` `compare` matches cases by: lengths, workload
/// and load point), with the case (or step) of each run that ran it. Runs that ordered their
/// cases differently still share a section; a case only some runs have gets its own.
struct ReportCase: Sendable {
    /// The runs' case with this key, one per run at most (a run that ran the same setting twice
    /// gives its second one to the next `ReportCase` of that key).
    struct Entry: Sendable {
        var run: ReportRun
        var results: CaseResults
        /// The run's counted records of the case (or step).
        var records: [RecordSample]
    }

    var key: CaseKey
    /// 0 for the first case of `key` in each run, 1 for a run's second one of it, …
    var repeatIndex: Int
    /// The case's position in the page, from 0.
    var position: Int
    /// In the page's run order.
    var entries: [Entry]

    /// The cases of `runs` by key, in the order first seen (runs in order, each run's cases in
    /// case then step order).
    static func grouped(_ runs: [ReportRun]) -> [ReportCase] {
        var cases: [ReportCase] = []
        for run in runs {
            var seen: [CaseKey: Int] = [:]
            let ordered = run.results.cases.sorted { ($0.caseIndex, $0.step) < ($1.caseIndex, $1.step) }
            for results in ordered {
                let key = CaseKey(results)
                let repeatIndex = seen[key, default: 0]
                seen[key] = repeatIndex + 1
                let entry = Entry(
                    run: run,
                    results: results,
                    records: run.records(caseIndex: results.caseIndex, step: results.step)
                )
                if let index = cases.firstIndex(where: { $0.key == key && $0.repeatIndex == repeatIndex }) {
                    cases[index].entries.append(entry)
                } else {
                    cases.append(
                        ReportCase(key: key, repeatIndex: repeatIndex, position: cases.count, entries: [entry])
                    )
                }
            }
        }
        return cases
    }

    /// The id of the case's section in the page.
    var sectionID: String { "case-\(position + 1)" }

    /// The id prefix of the case's charts in the page.
    var chartPrefix: String { "c\(position + 1)" }

    /// What the case is, from its key: `128 → 64 tokens · c=16`, `… · uniform workload · rate 2/s`.
    var settingText: String {
        var parts = ["\(Self.text(key.inputTokens)) → \(Self.text(key.outputTokens)) tokens"]
        if let workload = key.workload, workload != "fixed" { parts.append("\(workload) workload") }
        if let rate = key.targetRate {
            parts.append("rate \(JSONObjectWriter.number(rate))/s")
        } else if let concurrency = key.loadConcurrency {
            parts.append(key.loadMode == "waves" ? "waves of \(concurrency)" : "c=\(concurrency)")
        } else if let mode = key.loadMode {
            parts.append(mode)
        }
        if repeatIndex > 0 { parts.append("repeat \(repeatIndex + 1)") }
        return parts.joined(separator: " · ")
    }

    private static func text(_ value: Int?) -> String { value.map(String.init) ?? "?" }
}
