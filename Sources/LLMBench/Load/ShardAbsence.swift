import Synchronization

/// The shards a run's earlier cases started without, and where: one that has not arrived there
/// since is presumed gone, and later cases wait for it only briefly rather than the whole timeout.
final class ShardAbsence: Sendable {
    private let missed = Mutex<[Int: ShardSyncFolder]>([:])

    init() {}

    /// Notes that `shards` were missing at `folder`.
    func record(_ shards: [Int], at folder: ShardSyncFolder) {
        missed.withLock { missed in
            for shard in shards { missed[shard] = folder }
        }
    }

    /// The shards missed earlier that have not arrived where they were missed.
    func presumedGone() -> Set<Int> {
        let missed = missed.withLock { $0 }
        return Set(missed.filter { !$0.value.hasArrived($0.key) }.keys)
    }
}
