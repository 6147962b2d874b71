import Foundation

extension ShardMerge {
    /// What the console shows of a written merge: which shards it holds and how far apart they
    /// started, each shard's own requests and TTFT beside the merged figures, the table and files.
    public func consoleText(_ run: MergedRun) -> String {
        var lines = [
            "Merged \(shards.count) of \(count) shard(s): "
                + shards.map { "\($0.shard.index) (\($0.run.runID))" }.joined(separator: ", ")
        ]
        if !missingShards.isEmpty {
            lines.append(
                "Missing: shard(s) \(missingShards.map(String.init).joined(separator: ", ")): their results were not among the paths, so the figures cover the others' load only."
            )
        }
        let milliseconds = { (nanoseconds: Int64) in String(format: "%.3f", Double(nanoseconds) / 1e6) }
        for merged in run.cases {
            lines.append(
                "case \(merged.summary.caseIndex + 1): shards started within \(milliseconds(merged.startSkewNanoseconds)) ms"
            )
            let origin = merged.shards.map(\.startedAtUnixNanoseconds).min() ?? 0
            for shard in merged.shards {
                let figures = CaseResults(
                    caseIndex: merged.summary.caseIndex,
                    step: merged.summary.step,
                    columns: shard.columns
                )
                let count = { (name: String) in figures.number(name).map { String(Int($0)) } ?? "-" }
                let ttft = figures.number("ttft_p50_ms").map { String(format: "%.3f", $0) } ?? "-"
                lines.append(
                    "  shard \(shard.index): \(count("successful_requests")) ok, \(count("failed_requests")) failed, TTFT p50 \(ttft) ms, started +\(milliseconds(shard.startedAtUnixNanoseconds - origin)) ms"
                )
                if shard.lostRecords > 0 {
                    lines.append(
                        "  Lost: shard \(shard.index)'s requests file lacks \(shard.lostRecords) of the requests its results count (a line cut short, or the shard killed while writing): the merged figures are without them."
                    )
                }
            }
        }
        return lines.joined(separator: "\n") + "\n" + ConsoleSummary.finished(run.report)
    }
}
