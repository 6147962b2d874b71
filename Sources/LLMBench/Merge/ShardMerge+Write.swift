import Foundation

extension ShardMerge {
    /// The folder the merged files go to when none is given: `merged` beside the first shard's files.
    public var defaultOutputDirectory: String {
        ((shards[0].path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("merged")
    }

    /// Writes the merged run into `outputDirectory` as one process writes a run (results, requests,
    /// turns, summary, report), its run id ending in `-merged`; the summary's `merge` names the
    /// shards, their starts and each one's own figures. Warnings (a report that cannot be made) go
    /// to `emit`.
    public func write(outputDirectory: String, emit: @escaping BenchmarkObserver) throws(ShardMergeError)
        -> MergedRun
    {
        var cases = self.cases
        var config = self.config
        config.outputDirectory = outputDirectory
        let results: ResultSet
        do {
            results = try ResultSet.create(config: config, redaction: .none, emit: { _ in }, runIDSuffix: "-merged")
        } catch {
            throw Self.outputError(error, in: outputDirectory)
        }
        for index in cases.indices {
            cases[index].records.forEach(results.sink.add)
            _ = results.sink.takeRecords()
            if let failure = results.sink.writeFailure { throw .output(failure) }
            do {
                try results.append(cases[index].summary)
            } catch {
                throw Self.outputError(error, in: outputDirectory)
            }
            cases[index].records = []
        }
        var report = BenchmarkReport(
            cases: cases.map(\.summary),
            files: results.files,
            seed: config.seed ?? 0,
            wasInterrupted: shards.contains { $0.run.wasInterrupted }
        )
        report.merge = mergeObject(cases)
        let startedAt = cases.map(\.summary.startedAt).min() ?? Date()
        do {
            report.files = try results.finish(report, config: config, startedAt: startedAt, emit: emit)
        } catch {
            throw Self.outputError(error, in: outputDirectory)
        }
        return MergedRun(report: report, cases: cases)
    }

    /// The summary's `merge`: the shards merged and missing, the worst start skew, and per case
    /// each shard's start and own results row.
    private func mergeObject(_ cases: [MergedCase]) -> JSONValue {
        let milliseconds = { (nanoseconds: Int64) in JSONValue.number(Double(nanoseconds) / 1e6) }
        let runs = shards.map { shard -> JSONValue in
            .object([
                "shard": .integer(shard.shard.index), "run_id": .string(shard.run.runID),
                "summary": .string(shard.path), "records": .integer(shard.records.count),
                "truncated_lines": .integer(shard.truncatedLines), "interrupted": .bool(shard.run.wasInterrupted),
            ])
        }
        let caseObjects = cases.map { merged -> JSONValue in
            let origin = merged.shards.map(\.startedAtUnixNanoseconds).min() ?? 0
            return .object([
                "case": .integer(merged.summary.caseIndex), "step": .integer(merged.summary.step),
                "start_skew_ms": milliseconds(merged.startSkewNanoseconds),
                "shards": .array(
                    merged.shards.map { shard in
                        .object([
                            "shard": .integer(shard.index), "run_id": .string(shard.runID),
                            "started_at_unix_ns": .integer(Int(shard.startedAtUnixNanoseconds)),
                            "offset_ms": milliseconds(shard.startedAtUnixNanoseconds - origin),
                            "shard_start": shard.shardStart ?? .null, "records_lost": .integer(shard.lostRecords),
                            "figures": .object(shard.columns),
                        ])
                    }
                ),
            ])
        }
        return .object([
            "shard_count": .integer(count),
            "merged_shards": .array(shards.map { .integer($0.shard.index) }),
            "missing_shards": .array(missingShards.map { .integer($0) }),
            "worst_start_skew_ms": milliseconds(cases.map(\.startSkewNanoseconds).max() ?? 0),
            "runs": .array(runs),
            "cases": .array(caseObjects),
            "server_metrics": .string(
                "not merged: the server's /metrics figures are each shard's own (in its results); the merged server_ columns are empty"
            ),
        ])
    }

    /// The merge's error for `error`, which writing the files in `directory` threw.
    private static func outputError(_ error: BenchmarkError, in directory: String) -> ShardMergeError {
        if case .output(let failure) = error { return .output(failure) }
        return .output(OutputError(path: directory, reason: error.description))
    }
}
