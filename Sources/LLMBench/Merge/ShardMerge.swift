import Foundation

/// The shards of one run put together: their records on one time axis, each case's figures made
/// from the union of its shards' records by the definitions one process uses (`CaseSummary`), so
/// counts are exact and percentiles are those of the union, never averages of the shards'.
///
/// Each shard's records count from its own start of the case; a case's merged axis begins at the
/// earliest shard's start (by the shards' clocks), and each shard's records move by how much
/// later it started. The server's `/metrics` figures are not merged: each shard's results keep them.
public struct ShardMerge {
    /// The shards found, in shard order.
    let shards: [ShardRun]
    /// The shard count of the run.
    public let count: Int
    /// The config every shard ran (the shard itself aside).
    let config: BenchmarkConfig
    /// The whole load's steps, as one process would run them from the config.
    private let steps: LoadPlan.Steps
    /// Every case and step any shard measured, merged, in the order a run measures them.
    var cases: [MergedCase] = []

    /// The shard indexes of the run whose results were not among the paths.
    public var missingShards: [Int] {
        let present = Set(shards.map(\.shard.index))
        return (0..<count).filter { !present.contains($0) }
    }

    /// Reads the shards' runs `paths` name (folders or files), checks that they are shards of one
    /// run (one count, each index once, one config, cases alike) and merges every case.
    public init(paths: [String]) throws(ShardMergeError) {
        let shards = try ShardRun.load(paths: paths)
        let first = shards[0]
        for other in shards.dropFirst() {
            guard other.shard.count == first.shard.count else {
                throw .mixedCounts(
                    first: first.path,
                    firstCount: first.shard.count,
                    other: other.path,
                    otherCount: other.shard.count
                )
            }
        }
        for (earlier, later) in zip(shards, shards.dropFirst()) where earlier.shard.index == later.shard.index {
            throw .duplicateShard(index: later.shard.index, first: earlier.path, second: later.path)
        }
        for other in shards.dropFirst() {
            if let key = Self.comparedConfig(first).firstDifference(from: Self.comparedConfig(other)) {
                throw .configsDiffer(first: first.path, other: other.path, key: key)
            }
        }
        for shard in shards {
            if let outside = shard.run.cases.first(where: { $0.caseIndex >= first.config.cases.count }) {
                throw .caseNotInConfig(path: shard.path, caseIndex: outside.caseIndex, cases: first.config.cases.count)
            }
        }
        self.shards = shards
        count = first.shard.count
        var config = first.config
        config.shard = nil
        self.config = config
        do {
            steps = try LoadPlan(config, origin: .commandLine).steps
        } catch {
            throw .unreadableConfig(path: first.path, reason: error.description)
        }
        for key in caseKeys { cases.append(try mergedCase(key)) }
    }

    /// The part of a shard's config that every shard of a run shares: all of it but where it wrote.
    private static func comparedConfig(_ shard: ShardRun) -> JSONValue {
        guard case .object(var keys) = shard.run.config else { return shard.run.config }
        keys["output_dir"] = nil
        return .object(keys)
    }

    /// Every case and step any shard measured, in the order a run measures them.
    private var caseKeys: [CaseResultsKey] {
        Set(shards.flatMap { $0.run.cases.map { CaseResultsKey(caseIndex: $0.caseIndex, step: $0.step) } }).sorted()
    }

    /// The merged figures and records of one case at one step.
    private func mergedCase(_ key: CaseResultsKey) throws(ShardMergeError) -> MergedCase {
        var parts: [ShardCasePart] = []
        for shard in shards {
            guard let results = shard.run.cases.first(where: { $0.caseIndex == key.caseIndex && $0.step == key.step })
            else { continue }
            guard let start = results.startedAtUnixNanoseconds else {
                throw .noCaseStart(path: shard.path, caseIndex: key.caseIndex, step: key.step)
            }
            parts.append(ShardCasePart(shard: shard, key: key, results: results, startedAtUnixNanoseconds: start))
        }
        try checkShared(parts, key: key)
        let origin = parts.map(\.startedAtUnixNanoseconds).min() ?? 0
        var records: [RequestRecord] = []
        var firstSession = 0
        for part in parts {
            let moved = part.movedRecords(origin: origin, firstSession: firstSession)
            if let last = moved.compactMap({ $0.sessionPosition?.session }).max() { firstSession = last + 1 }
            records += moved
        }
        records.sort { ($0.endOffsetNanoseconds, $0.requestID) < ($1.endOffsetNanoseconds, $1.requestID) }
        let counted = records.filter { !$0.isWarmup }
        let configured = config.cases[key.caseIndex]
        let context = CaseSummary.Context(
            caseIndex: key.caseIndex,
            step: key.step,
            benchmarkCase: CasePlan.nominal(
                configured,
                lengths: counted.map {
                    LengthPair(inputTokens: $0.requestedInputTokens, outputTokens: $0.requestedOutputTokens)
                }
            ),
            model: config.model,
            point: try point(of: configured, key: key, parts: parts),
            slo: config.slo,
            prompts: PreparedPromptFacts(merging: parts.compactMap(\.promptFacts)),
            lengthControl: OutputLengthControl(
                sendsLengthFields: parts.contains { $0.results.columns["output_length_forced"] == .bool(true) }
            ),
            startedAt: Date(timeIntervalSince1970: Double(origin) / 1e9),
            startedAtUnixNanoseconds: origin
        )
        return MergedCase(
            summary: CaseSummary(records: counted, context: context),
            records: records,
            shards: parts.map { part in
                MergedCase.Shard(
                    index: part.shard.shard.index,
                    runID: part.shard.run.runID,
                    startedAtUnixNanoseconds: part.startedAtUnixNanoseconds,
                    shardStart: part.results.shardStart,
                    columns: part.results.columns.filter { $0.key != "turns" },
                    lostRecords: part.lostRecords
                )
            }
        )
    }

    /// The whole load the case ran at: the config's point at its step, or, for a trace, the
    /// replay the shards' rows make together (their due times, warm-up rows included).
    private func point(of configured: BenchmarkCase, key: CaseResultsKey, parts: [ShardCasePart])
        throws(ShardMergeError) -> LoadPoint
    {
        if case .trace(let settings) = configured.workload {
            let due = parts.flatMap { $0.records.compactMap(\.scheduledOffsetNanoseconds) }
            return .trace(TraceReplay(speed: settings.speed, offsetsNanoseconds: due.sorted()))
        }
        guard case .points(let points) = steps, points.indices.contains(key.step) else {
            throw .unreadableConfig(
                path: parts[0].shard.path,
                reason: "its load has no step \(key.step) of case \(key.caseIndex + 1), which the shard measured"
            )
        }
        return points[key.step]
    }

    /// Refuses shards whose results of a case disagree on what every shard of a run shares.
    private func checkShared(_ parts: [ShardCasePart], key: CaseResultsKey) throws(ShardMergeError) {
        guard let first = parts.first else { return }
        for other in parts.dropFirst() {
            for column in ["model", "workload", "load_mode", "output_length_forced", "prompt_tokens_source"]
            where first.results.columns[column] != other.results.columns[column] {
                throw .casesDiffer(
                    first: first.shard.path,
                    other: other.shard.path,
                    caseIndex: key.caseIndex,
                    step: key.step,
                    column: column
                )
            }
        }
    }
}
