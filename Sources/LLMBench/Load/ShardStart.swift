/// How one shard's start of a case met the other shards': the instant all were to start at, how
/// late this one started by its own clock, who was there, and its clock against the shared folder's.
public struct ShardStart: Sendable, Equatable {
    /// The instant every shard was to begin the case, nanoseconds since 1970.
    public var targetUnixNanoseconds: Int64
    /// This shard's real start − the target, by its own clock (negative: early).
    public var lateNanoseconds: Int64
    /// The shards that did not arrive before the wait timed out (this one started without them).
    public var missingShards: [Int]
    /// This machine's clock − the sync folder's (its file's modification time, whose granularity
    /// bounds it); nil when the folder gave no time.
    public var clockOffsetNanoseconds: Int64? = nil
}
