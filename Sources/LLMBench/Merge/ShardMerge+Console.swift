import Foundation

extension ShardMerge {
    /// What the console shows of a written merge: which shards it holds and how far apart they
    /// started, each shard's own requests and TTFT beside the merged figures, the table and files.
    public func consoleText(_ report: BenchmarkReport) -> String {
        var lines = [
            "Merged \(shards.count) of \(count) shard(s): "
                + shards.map { "\($0.shard.index) (\($0.run.runID))" }.joined(separator: ", ")
        ]
        if !missingShards.isEmpty {
            lines.append(
                "Missing: shard(s) \(missingShards.map(String.init).joined(separator: ", ")): their results were not among the paths, so the figures cover the others' load only."
            )
        }
        if let merge = report.merge, case .object(let fields) = merge, case .array(let cases)? = fields["cases"] {
            for case .object(let item) in cases {
                guard case .integer(let caseIndex)? = item["case"], case .array(let parts)? = item["shards"] else {
                    continue
                }
                let skew = Self.number(item["start_skew_ms"]).map { String(format: "%.3f", $0) } ?? "-"
                lines.append("case \(caseIndex + 1): shards started within \(skew) ms")
                for case .object(let part) in parts {
                    guard case .integer(let index)? = part["shard"], case .object(let figures)? = part["figures"] else {
                        continue
                    }
                    let ok = Self.number(figures["successful_requests"]).map { String(Int($0)) } ?? "-"
                    let failed = Self.number(figures["failed_requests"]).map { String(Int($0)) } ?? "-"
                    let ttft = Self.number(figures["ttft_p50_ms"]).map { String(format: "%.3f", $0) } ?? "-"
                    let offset = Self.number(part["offset_ms"]).map { String(format: "%.3f", $0) } ?? "-"
                    lines.append(
                        "  shard \(index): \(ok) ok, \(failed) failed, TTFT p50 \(ttft) ms, started +\(offset) ms"
                    )
                }
            }
        }
        return lines.joined(separator: "\n") + "\n" + ConsoleSummary.finished(report)
    }

    private static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .integer(let number)?: Double(number)
        case .number(let number)?: number
        default: nil
        }
    }
}
