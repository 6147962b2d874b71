import Foundation

/// What one shard has measured of its current case so far, as it writes it every second into the
/// live folder (`--live-dir`) for `llm-bench live` to merge with the other shards'.
struct LiveSnapshot: Sendable {
    /// The shard that wrote it (`0/1` for a run that is not sharded).
    var shard: ShardSelection
    var runID: String
    /// The case (0-based) and load point being measured; nil before the first case.
    var caseIndex: Int?
    var step: Int
    /// When the case began and when this was written, by the shard's clock (ns since 1970).
    var caseStartedAtUnixNanoseconds: Int64
    var writtenAtUnixNanoseconds: Int64
    /// Whether the run has ended: nothing more will come.
    var isFinished: Bool
    /// Counted requests of the case: sent, ended well, failed; output tokens of those that ended well.
    var started: Int
    var succeeded: Int
    var failed: Int
    var outputTokens: Int
    var timeToFirstToken = LiveLatency()
    var interTokenLatency = LiveLatency()
    var endToEndLatency = LiveLatency()

    init(shard: ShardSelection, runID: String) {
        self.shard = shard
        self.runID = runID
        caseIndex = nil
        step = 0
        caseStartedAtUnixNanoseconds = 0
        writtenAtUnixNanoseconds = 0
        isFinished = false
        started = 0
        succeeded = 0
        failed = 0
        outputTokens = 0
    }

    /// The file name of shard `shard`'s snapshots in the live folder.
    static func fileName(of shard: ShardSelection) -> String { "shard-\(shard.index)-of-\(shard.count).live.json" }

    /// Whether `name` is a snapshot's file name.
    static func isFileName(_ name: String) -> Bool { name.hasPrefix("shard-") && name.hasSuffix(".live.json") }
}

extension LiveSnapshot {
    /// The snapshot as its file holds it.
    private struct File: Codable {
        var version: Int
        var runID: String
        var shard: Int
        var shards: Int
        var caseIndex: Int?
        var step: Int
        var caseStartedAt: Int64
        var writtenAt: Int64
        var isFinished: Bool
        var started: Int
        var succeeded: Int
        var failed: Int
        var outputTokens: Int
        var timeToFirstToken: [[UInt64]]
        var interTokenLatency: [[UInt64]]
        var endToEndLatency: [[UInt64]]

        enum CodingKeys: String, CodingKey {
            case version, shard, shards, step, started, failed
            case runID = "run_id"
            case caseIndex = "case"
            case caseStartedAt = "case_started_unix_ns"
            case writtenAt = "written_unix_ns"
            case isFinished = "finished"
            case succeeded = "ok"
            case outputTokens = "output_tokens"
            case timeToFirstToken = "ttft_us"
            case interTokenLatency = "itl_us"
            case endToEndLatency = "e2e_us"
        }
    }

    private static let version = 1

    /// The snapshot as one JSON object.
    func encoded() -> Data {
        let file = File(
            version: Self.version,
            runID: runID,
            shard: shard.index,
            shards: shard.count,
            caseIndex: caseIndex,
            step: step,
            caseStartedAt: caseStartedAtUnixNanoseconds,
            writtenAt: writtenAtUnixNanoseconds,
            isFinished: isFinished,
            started: started,
            succeeded: succeeded,
            failed: failed,
            outputTokens: outputTokens,
            timeToFirstToken: timeToFirstToken.buckets,
            interTokenLatency: interTokenLatency.buckets,
            endToEndLatency: endToEndLatency.buckets
        )
        // Encoding plain integers, strings and arrays of them cannot fail.
        return (try? JSONEncoder().encode(file)) ?? Data()
    }

    /// The snapshot `data` holds; nil when it is not one this version writes (or half written).
    init?(decoding data: Data) {
        guard let file = try? JSONDecoder().decode(File.self, from: data), file.version == Self.version,
            let shard = ShardSelection(index: file.shard, count: file.shards),
            [file.started, file.succeeded, file.failed, file.outputTokens, file.step].allSatisfy({ $0 >= 0 }),
            (file.caseIndex ?? 0) >= 0,
            let ttft = LiveLatency(buckets: file.timeToFirstToken),
            let itl = LiveLatency(buckets: file.interTokenLatency),
            let e2e = LiveLatency(buckets: file.endToEndLatency)
        else { return nil }
        self.init(shard: shard, runID: file.runID)
        caseIndex = file.caseIndex
        step = file.step
        caseStartedAtUnixNanoseconds = file.caseStartedAt
        writtenAtUnixNanoseconds = file.writtenAt
        isFinished = file.isFinished
        started = file.started
        succeeded = file.succeeded
        failed = file.failed
        outputTokens = file.outputTokens
        timeToFirstToken = ttft
        interTokenLatency = itl
        endToEndLatency = e2e
    }
}
