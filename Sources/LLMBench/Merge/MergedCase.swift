/// One case (or step) of a merged run: its figures from the union of the shards' records, those
/// records on the merged time axis, and each shard's own figures and start beside them.
struct MergedCase {
    /// One shard's part of the case.
    struct Shard {
        var index: Int
        var runID: String
        /// When the shard started the case, nanoseconds since 1970 by its clock.
        var startedAtUnixNanoseconds: Int64
        /// How its start met the others' when it waited for them (`shard_start`), as it wrote it.
        var shardStart: JSONValue?
        /// The shard's own results row of the case.
        var columns: [String: JSONValue]
        /// Counted requests of its row that its requests file lacks, and so the merge.
        var lostRecords: Int
    }

    var summary: CaseSummary
    /// Every record of the case, warm-up ones too, in the order they ended.
    var records: [RequestRecord]
    var shards: [Shard]

    /// The latest shard's start of the case − the earliest's, by their clocks.
    var startSkewNanoseconds: Int64 {
        let starts = shards.map(\.startedAtUnixNanoseconds)
        return (starts.max() ?? 0) - (starts.min() ?? 0)
    }
}

/// A written merge: the run's report, and its cases with each shard's part (their records let go).
public struct MergedRun {
    public let report: BenchmarkReport
    let cases: [MergedCase]

    /// Counted requests the shards' results rows hold that their requests files lack: the merged
    /// figures are without them.
    public var lostRecords: Int { cases.flatMap(\.shards).map(\.lostRecords).reduce(0, +) }
}
