import Foundation

extension RunResults {
    /// Whether the run's summary is empty: created when the run started, never written because
    /// the run was killed before its end.
    static func hasEmptySummary(_ files: RunFiles) throws(ResultsReadError) -> Bool {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: files.summary))
            return data.allSatisfy { $0 == 0x20 || $0 == 0x0A }
        } catch {
            throw .unreadable(path: files.summary, reason: (error as NSError).localizedDescription)
        }
    }

    /// The run the summary in `files` describes, without its records. Cases of a summary written
    /// before cases named their place (`case`, `step`) get the place of their position, for the
    /// caller to match against the records; `hasPlaces` then is false.
    static func reading(summaryOf files: RunFiles) throws(ResultsReadError) -> (RunResults, hasPlaces: Bool) {
        let path = files.summary
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        guard case .object(let summary)? = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw .corruptSummary(path: path, reason: "it is not a JSON object")
        }
        let fields = SummaryFields(object: summary, path: path)
        let (cases, hasPlaces) = try fields.cases()
        var run = RunResults(
            runID: try fields.text("run_id"),
            tool: try fields.text("tool"),
            version: try fields.text("version"),
            startedAt: try fields.text("started_at"),
            finishedAt: try fields.text("finished_at"),
            seed: try fields.optionalInteger("seed").map { UInt64(clamping: $0) },
            configFile: try fields.optionalText("config_file"),
            config: summary["config"] ?? .null,
            definitions: try fields.definitions(),
            cases: cases,
            sweeps: try fields.sweeps(),
            wasInterrupted: try fields.boolean("interrupted"),
            files: files,
            records: []
        )
        run.shard = try fields.shard()
        return (run, hasPlaces)
    }
}

/// The fields of a summary object, each read with the error that names it when it is missing or
/// of the wrong kind.
private struct SummaryFields {
    let object: [String: JSONValue]
    let path: String

    func text(_ name: String) throws(ResultsReadError) -> String {
        guard case .string(let value)? = object[name] else { throw wrong(name, "text") }
        return value
    }

    func optionalText(_ name: String) throws(ResultsReadError) -> String? {
        switch object[name] {
        case .string(let value)?: return value
        case .null?, nil: return nil
        default: throw wrong(name, "text")
        }
    }

    func optionalInteger(_ name: String) throws(ResultsReadError) -> Int? {
        switch object[name] {
        case .integer(let value)?: return value
        case .null?, nil: return nil
        default: throw wrong(name, "a whole number")
        }
    }

    func boolean(_ name: String) throws(ResultsReadError) -> Bool {
        guard case .bool(let value)? = object[name] else { throw wrong(name, "true or false") }
        return value
    }

    func definitions() throws(ResultsReadError) -> [String: String] {
        guard case .object(let entries)? = object["definitions"] else { throw wrong("definitions", "an object") }
        var definitions: [String: String] = [:]
        for (name, value) in entries {
            guard case .string(let text) = value else { throw wrong("definitions.\(name)", "text") }
            definitions[name] = text
        }
        return definitions
    }

    /// The case objects; each place from its `case` and `step`, or from its position when no case names one.
    func cases() throws(ResultsReadError) -> ([CaseResults], hasPlaces: Bool) {
        guard case .array(let items)? = object["cases"] else { throw wrong("cases", "an array") }
        var cases: [CaseResults] = []
        var named = 0
        for (position, item) in items.enumerated() {
            guard case .object(var columns) = item else { throw wrong("cases[\(position)]", "an object") }
            let caseIndex = columns.removeValue(forKey: "case")
            let step = columns.removeValue(forKey: "step")
            let startedAt = columns.removeValue(forKey: "started_at_unix_ns")
            let shardStart = columns.removeValue(forKey: "shard_start")
            switch (caseIndex, step) {
            case (.integer(let caseIndex)?, .integer(let step)?):
                var results = CaseResults(caseIndex: caseIndex, step: step, columns: columns)
                if case .integer(let nanoseconds)? = startedAt { results.startedAtUnixNanoseconds = Int64(nanoseconds) }
                results.shardStart = shardStart
                cases.append(results)
                named += 1
            case (nil, nil):
                cases.append(CaseResults(caseIndex: position, step: 0, columns: columns))
            default:
                throw wrong("cases[\(position)].case and .step", "whole numbers")
            }
        }
        guard named == 0 || named == items.count else {
            throw .corruptSummary(path: path, reason: "some of its cases name their case and step, others do not")
        }
        return (cases, named == items.count)
    }

    /// The `shard` object of a sharded run's summary; nil without one.
    func shard() throws(ResultsReadError) -> ShardSelection? {
        guard let value = object["shard"] else { return nil }
        guard case .object(let fields) = value, case .integer(let index)? = fields["index"],
            case .integer(let count)? = fields["count"], let shard = ShardSelection(index: index, count: count)
        else { throw wrong("shard", "an object of a shard index below its count") }
        return shard
    }

    func sweeps() throws(ResultsReadError) -> [SweepResults] {
        guard let value = object["sweeps"] else { return [] }
        guard case .array(let items) = value else { throw wrong("sweeps", "an array") }
        var sweeps: [SweepResults] = []
        for (position, item) in items.enumerated() {
            let name = "sweeps[\(position)]"
            guard case .object(let fields) = item, case .integer(let caseIndex)? = fields["case"],
                case .array(let steps)? = fields["steps"], case .bool(let isSaturated)? = fields["saturated"]
            else { throw wrong(name, "an object with case, steps and saturated") }
            var concurrencies: [Int] = []
            for step in steps {
                guard case .integer(let concurrency) = step else { throw wrong(name + ".steps", "whole numbers") }
                concurrencies.append(concurrency)
            }
            let best: Int?
            switch fields["best_concurrency"] {
            case .integer(let value)?: best = value
            case .null?, nil: best = nil
            default: throw wrong(name + ".best_concurrency", "a whole number or null")
            }
            sweeps.append(
                SweepResults(
                    caseIndex: caseIndex,
                    steps: concurrencies,
                    isSaturated: isSaturated,
                    bestConcurrency: best
                )
            )
        }
        return sweeps
    }

    private func wrong(_ name: String, _ kind: String) -> ResultsReadError {
        .corruptSummary(path: path, reason: "\"\(name)\" is missing or not \(kind)")
    }
}
