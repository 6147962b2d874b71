import Foundation

/// What one shard has measured of its current case so far, as it writes it every second into the
/// live folder (`--live-dir`) for `llm-bench live` to merge with the other shards'.
struct LiveSnapshot: Sendable, Codable {
    /// The file format's version; a snapshot of another is not read.
    private var version = Self.currentVersion
    /// The shard that wrote it, `index` of `count` (0 of 1 for a run that is not sharded).
    private var shardIndex: Int
    private var shardCount: Int
    var runID: String
    /// The case (0-based) and load point being measured; nil before the first case.
    var caseIndex: Int?
    var step = 0
    /// When the case's first counted request was sent (0 before) and when this was written, by
    /// the shard's clock (ns since 1970).
    var caseStartedAtUnixNanoseconds: Int64 = 0
    var writtenAtUnixNanoseconds: Int64 = 0
    /// Whether the run has ended: nothing more will come.
    var isFinished = false
    /// Counted requests of the case: sent, ended well, failed; output tokens of those that ended well.
    var started = 0
    var succeeded = 0
    var failed = 0
    var outputTokens = 0
    var timeToFirstToken = LiveLatency()
    var interTokenLatency = LiveLatency()
    var endToEndLatency = LiveLatency()

    private static let currentVersion = 1
    /// Bounds a snapshot is read within, so that the figures of every shard add up without overflow.
    private static let largestShardCount = 65_536
    private static let largestFigure = 1 << 40
    private static let latestInstant = Int64(1) << 62

    private enum CodingKeys: String, CodingKey {
        case version, step, started, failed
        case shardIndex = "shard"
        case shardCount = "shards"
        case runID = "run_id"
        case caseIndex = "case"
        case caseStartedAtUnixNanoseconds = "case_started_unix_ns"
        case writtenAtUnixNanoseconds = "written_unix_ns"
        case isFinished = "finished"
        case succeeded = "ok"
        case outputTokens = "output_tokens"
        case timeToFirstToken = "ttft_us"
        case interTokenLatency = "itl_us"
        case endToEndLatency = "e2e_us"
    }

    /// A fresh snapshot of `shard`, before anything was measured.
    init(shard: ShardSelection, runID: String) {
        shardIndex = shard.index
        shardCount = shard.count
        self.runID = runID
    }

    /// The shard that wrote it.
    var shard: ShardSelection {
        ShardSelection(index: shardIndex, count: shardCount) ?? .whole
    }

    /// The file name of shard `shard`'s snapshots in the live folder.
    static func fileName(of shard: ShardSelection) -> String { "shard-\(shard.index)-of-\(shard.count).live.json" }

    /// Whether `name` is a snapshot's file name.
    static func isFileName(_ name: String) -> Bool { name.hasPrefix("shard-") && name.hasSuffix(".live.json") }

    /// The snapshot as one JSON object.
    func encoded() -> Data {
        // Integers, strings and arrays of them always encode.
        (try? JSONEncoder().encode(self)) ?? Data()
    }

    /// The snapshot `data` holds; nil when it is not one this version writes.
    init?(decoding data: Data) {
        guard let snapshot = try? JSONDecoder().decode(Self.self, from: data), snapshot.version == Self.currentVersion,
            ShardSelection(index: snapshot.shardIndex, count: snapshot.shardCount) != nil,
            snapshot.shardCount <= Self.largestShardCount,
            [
                snapshot.started, snapshot.succeeded, snapshot.failed, snapshot.outputTokens, snapshot.step,
                snapshot.caseIndex ?? 0,
            ]
            .allSatisfy({ (0...Self.largestFigure).contains($0) }),
            [snapshot.caseStartedAtUnixNanoseconds, snapshot.writtenAtUnixNanoseconds]
                .allSatisfy({ (0...Self.latestInstant).contains($0) })
        else { return nil }
        self = snapshot
    }
}
