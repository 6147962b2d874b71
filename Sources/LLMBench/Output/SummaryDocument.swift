import Foundation

/// The summary JSON written beside the results: tool, definitions, the configuration that ran
/// (secrets redacted) and the figures of every case.
struct SummaryDocument {
    let config: BenchmarkConfig
    let report: BenchmarkReport
    let startedAt: Date
    let finishedAt: Date
    /// Applied to every text of the document.
    let redaction: SecretRedaction

    /// Writes the document into `file`, which the run created.
    func write(to file: AppendingFile) throws(OutputError) {
        do {
            let data = try JSONSerialization.data(
                withJSONObject: try object(),
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            )
            try file.appendLine(Array(data))
            file.closeFile()
        } catch let error as OutputError {
            throw error
        } catch {
            throw OutputError(path: file.path, reason: (error as NSError).localizedDescription)
        }
    }

    /// The whole document, every text passed through the redaction.
    func object() throws -> [String: Any] {
        var object: [String: Any] = [
            "tool": "llm-bench",
            "version": LLMBenchVersion.current,
            "run_id": report.files.runID,
            "started_at": ResultRow.timestamp(startedAt),
            "finished_at": ResultRow.timestamp(finishedAt),
            "seed": Int(clamping: report.seed),
            "definitions": Dictionary(uniqueKeysWithValues: MetricDefinitions.all.map { ($0.name, $0.definition) }),
            "config_file": config.sourcePath,
            "config": try configObject(),
            "files": filesObject,
            "cases": report.cases.map(Self.caseObject),
            "successful_requests": report.successfulRequests,
            "failed_requests": report.failedRequests,
            "interrupted": report.wasInterrupted,
            "sweeps": report.sweeps.map { sweep -> [String: Any] in
                [
                    "case": sweep.caseIndex, "steps": sweep.steps, "saturated": sweep.isSaturated,
                    "best_concurrency": sweep.bestConcurrency ?? NSNull(),
                ]
            },
        ]
        if let shard = config.shard { object["shard"] = ["index": shard.index, "count": shard.count] }
        if let merge = report.merge {
            object["merge"] = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(merge))
        }
        if let metrics = report.serverMetrics {
            object["server_metrics"] =
                ["urls": metrics.urls, "interval_ms": metrics.intervalMilliseconds] as [String: Any]
        }
        return redact(object) as? [String: Any] ?? [:]
    }

    /// The run's files; `server_metrics` only when the server's metrics were read.
    private var filesObject: [String: Any] {
        var files: [String: Any] = [
            "results": report.files.results, "requests": report.files.requests,
            "report": report.files.report as Any? ?? NSNull(),
        ]
        if let path = report.files.serverMetrics { files["server_metrics"] = path }
        if let path = report.files.turns { files["turns"] = path }
        return files
    }

    /// The config that ran, as its YAML keys, with the seed it used: loaded back (with the key
    /// and header values filled in) it repeats the run.
    func configObject() throws -> Any {
        var ran = config
        ran.seed = report.seed
        return try JSONSerialization.jsonObject(with: try JSONEncoder().encode(ran))
    }

    /// `value` with every string in it redacted.
    private func redact(_ value: Any) -> Any {
        switch value {
        case let text as String: redaction.apply(text)
        case let array as [Any]: array.map(redact)
        case let object as [String: Any]: object.mapValues(redact)
        default: value
        }
    }

    /// How a shard's start of a case met the others': `late_ms` by its own clock.
    private static func shardStartObject(_ start: ShardStart) -> [String: Any] {
        [
            "target_unix_ns": start.targetUnixNanoseconds,
            "late_ms": Double(start.lateNanoseconds) / 1e6,
            "missing_shards": start.missingShards,
            "clock_offset_ms": start.clockOffsetNanoseconds.map { Double($0) / 1e6 } as Any? ?? NSNull(),
        ]
    }

    /// A number as JSON accepts it: nil (null) when not finite.
    static func json(_ value: Double) -> Any { value.isFinite ? value : NSNull() }

    /// A case's figures: its place in the run (`case`, `step`) and every column of its results row;
    /// a multi-turn case's `turns` hold the same for each turn index, with its `turn`.
    static func caseObject(_ summary: CaseSummary) -> [String: Any] {
        var object: [String: Any] = ["case": summary.caseIndex, "step": summary.step]
        if let turn = summary.turn {
            object["turn"] = turn
        } else {
            object["started_at_unix_ns"] = summary.startedAtUnixNanoseconds
            if let start = summary.shardStart { object["shard_start"] = shardStartObject(start) }
        }
        if !summary.turns.isEmpty { object["turns"] = summary.turns.map(caseObject) }
        for cell in ResultRow(summary).cells {
            switch cell.value {
            case .text(let text): object[cell.name] = text
            case .integer(let value): object[cell.name] = value
            case .number(let value): object[cell.name] = json(value)
            case .boolean(let value): object[cell.name] = value
            case .missing: object[cell.name] = NSNull()
            }
        }
        return object
    }
}
