import Foundation
import LLMBenchSupport
import Synchronization

/// Keeps what a shard measured of its current case from the run's events and writes it every
/// second into the live folder (`--live-dir`), where `llm-bench live` merges the shards' views.
///
/// Off the timed path: it takes events where they are emitted, in the benchmark's task (a lock
/// and a few histogram additions per request), and writes from a task of its own.
final class LiveSnapshotPublisher: Sendable {
    /// How often the snapshot is written.
    static let interval = Duration.seconds(1)

    private let path: String
    private let snapshot: Mutex<LiveSnapshot>
    private let hasWarned = Atomic<Bool>(false)
    private let emit: BenchmarkObserver

    /// A publisher of `shard`'s snapshots into `directory`; `emit` gets its warning.
    init(directory: String, shard: ShardSelection, emit: @escaping BenchmarkObserver) {
        path = (directory as NSString).appendingPathComponent(LiveSnapshot.fileName(of: shard))
        snapshot = Mutex(LiveSnapshot(shard: shard, runID: ""))
        self.emit = emit
    }

    /// Names the run the snapshots are of, once its files are made.
    func begin(runID: String) {
        snapshot.withLock { $0.runID = runID }
    }

    /// An observer that updates the snapshot, then hands the event to `next`.
    func observer(then next: @escaping BenchmarkObserver) -> BenchmarkObserver {
        { event in
            self.observe(event)
            next(event)
        }
    }

    private func observe(_ event: BenchmarkEvent) {
        switch event {
        case .caseStarted(let start):
            snapshot.withLock { snapshot in
                var fresh = LiveSnapshot(shard: snapshot.shard, runID: snapshot.runID)
                fresh.caseIndex = start.caseIndex
                fresh.step = start.step
                snapshot = fresh
            }
        case .requestStarted(_, _, let isWarmup) where !isWarmup:
            snapshot.withLock { snapshot in
                // The case's counted load begins with its first counted request, after any wait
                // for the other shards and the warm-up.
                if snapshot.started == 0 { snapshot.caseStartedAtUnixNanoseconds = WallClock.now() }
                snapshot.started += 1
            }
        case .requestFinished(let record) where !record.isWarmup:
            snapshot.withLock { snapshot in
                guard record.failure == nil else {
                    snapshot.failed += 1
                    return
                }
                snapshot.succeeded += 1
                snapshot.outputTokens += record.outputTokens
                if let ttft = record.timeToFirstTokenNanoseconds { snapshot.timeToFirstToken.record(nanoseconds: ttft) }
                for gap in record.interTokenNanoseconds { snapshot.interTokenLatency.record(nanoseconds: gap) }
                if let e2e = record.endToEndNanoseconds { snapshot.endToEndLatency.record(nanoseconds: e2e) }
            }
        default:
            return
        }
    }

    /// Runs `body` while the snapshot is written every second, then writes it once more, finished.
    func publishing<Value: Sendable>(_ body: () async throws(BenchmarkError) -> Value) async throws(BenchmarkError)
        -> Value
    {
        let outcome = await withTaskGroup(of: Void.self) { group in
            group.addTask {
                while !Task.isCancelled {
                    self.write()
                    try? await Task.sleep(for: Self.interval)
                }
            }
            let outcome = await Result(catching: body)
            group.cancelAll()
            return outcome
        }
        snapshot.withLock { $0.isFinished = true }
        write()
        return try outcome.get()
    }

    /// Writes the snapshot under a draft name and renames it into place, so a reader sees it
    /// whole; a failure is warned about once, and the run goes on.
    private func write() {
        // Encoded outside the lock, which the run's events take.
        var copy = snapshot.withLock { $0 }
        copy.writtenAtUnixNanoseconds = WallClock.now()
        let data = copy.encoded()
        let draft = path + ".draft"
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true
            )
            try data.write(to: URL(fileURLWithPath: draft))
            guard rename(draft, path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            guard !hasWarned.exchange(true, ordering: .relaxed) else { return }
            emit(.warning(.liveSnapshotNotWritten(path: path, reason: (error as NSError).localizedDescription)))
        }
    }
}
