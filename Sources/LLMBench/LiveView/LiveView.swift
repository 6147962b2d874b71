import Foundation

/// The shards' live snapshots in one folder merged into one view of the case they are at: counts
/// summed, latency histograms added (never percentiles averaged), output throughput over the
/// time since the earliest of them began the case. Approximate by design (two significant
/// digits); `llm-bench merge` makes the final figures from the raw records.
public struct LiveView: Sendable {
    /// The folder read.
    public let directory: String
    /// The shards of the run, as its newest snapshot says; 0 when none has written yet.
    public private(set) var shardCount = 0
    /// The shards that wrote a snapshot, by index.
    public private(set) var reporting: [Int] = []
    /// The case (0-based) and step the furthest shards are at, and the shards there.
    public private(set) var caseIndex: Int?
    public private(set) var step = 0
    public private(set) var atCase: [Int] = []
    /// Counted requests of the case over the shards at it.
    public private(set) var started = 0
    public private(set) var succeeded = 0
    public private(set) var failed = 0
    public private(set) var outputTokens = 0
    /// Output tokens per second since the earliest first counted request of those shards; nil before.
    public private(set) var outputTokensPerSecond: Double?
    /// Snapshot files that could not be read (half written, or not this version's).
    public private(set) var unreadableFiles: [String] = []
    /// Whether every shard of the run wrote that it has finished, or has gone quiet.
    public private(set) var isFinished = false
    /// Shards whose snapshot, unfinished, was last written more than `quietNanoseconds` before
    /// the newest: stopped (killed, or their volume gone); left out of the merge.
    public private(set) var quiet: [Int] = []
    /// 10 s: ten snapshots missed.
    static let quietNanoseconds: Int64 = 10_000_000_000
    private(set) var timeToFirstToken = LiveLatency()
    private(set) var interTokenLatency = LiveLatency()
    private(set) var endToEndLatency = LiveLatency()

    /// Reads every snapshot in `directory` and merges those of the shards at the furthest case.
    /// A folder not made yet is one no shard has written into.
    public static func read(directory: String) throws(LiveViewError) -> LiveView {
        var view = LiveView(directory: directory)
        guard FileManager.default.fileExists(atPath: directory) else { return view }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw .unreadableFolder(path: directory, reason: (error as NSError).localizedDescription)
        }
        var snapshots: [LiveSnapshot] = []
        for name in names.sorted() where LiveSnapshot.isFileName(name) {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path), let snapshot = LiveSnapshot(decoding: data)
            else {
                view.unreadableFiles.append(path)
                continue
            }
            snapshots.append(snapshot)
        }
        guard let newest = snapshots.max(by: { $0.writtenAtUnixNanoseconds < $1.writtenAtUnixNanoseconds }) else {
            return view
        }
        // Another run's snapshots (another shard count) are left out.
        snapshots = snapshots.filter { $0.shard.count == newest.shard.count }
        view.shardCount = newest.shard.count
        // A shard not finished whose snapshot has not been written again for a while has stopped.
        let quiet = snapshots.filter {
            !$0.isFinished && newest.writtenAtUnixNanoseconds - $0.writtenAtUnixNanoseconds > Self.quietNanoseconds
        }
        view.quiet = quiet.map(\.shard.index).sorted()
        snapshots = snapshots.filter { !view.quiet.contains($0.shard.index) }
        view.reporting = snapshots.map(\.shard.index).sorted()
        view.isFinished =
            !snapshots.isEmpty && snapshots.count + quiet.count == view.shardCount && snapshots.allSatisfy(\.isFinished)
        view.merge(snapshots)
        return view
    }

    private init(directory: String) {
        self.directory = directory
    }

    private mutating func merge(_ snapshots: [LiveSnapshot]) {
        let position = { (snapshot: LiveSnapshot) in snapshot.caseIndex.map { [$0, snapshot.step] } }
        guard let furthest = snapshots.compactMap(position).max(by: { $0.lexicographicallyPrecedes($1) }) else {
            return
        }
        let there = snapshots.filter { position($0) == furthest }
        caseIndex = furthest[0]
        step = furthest[1]
        atCase = there.map(\.shard.index).sorted()
        for snapshot in there {
            started += snapshot.started
            succeeded += snapshot.succeeded
            failed += snapshot.failed
            outputTokens += snapshot.outputTokens
            timeToFirstToken.add(snapshot.timeToFirstToken)
            interTokenLatency.add(snapshot.interTokenLatency)
            endToEndLatency.add(snapshot.endToEndLatency)
        }
        if let begun = there.filter({ $0.started > 0 }).map(\.caseStartedAtUnixNanoseconds).min(),
            let written = there.map(\.writtenAtUnixNanoseconds).max(), written > begun
        {
            outputTokensPerSecond = Double(outputTokens) / (Double(written - begun) / 1e9)
        }
    }
}

extension LiveView: CustomStringConvertible {
    /// One line: where the shards are, the case's counts and throughput, its latencies.
    public var description: String {
        guard shardCount > 0 else { return "no shard has written a live snapshot into \(directory) yet" }
        guard let caseIndex else {
            return "\(reporting.count) of \(shardCount) shards reporting, none measuring a case yet"
        }
        var parts = [
            "case \(caseIndex + 1)\(step > 0 ? " step \(step + 1)" : ""): \(atCase.count) of \(shardCount) shards",
            "\(succeeded) ok, \(failed) failed, \(max(0, started - succeeded - failed)) in flight",
        ]
        if let outputTokensPerSecond, outputTokensPerSecond < 1e15 {
            parts.append("\(Int(outputTokensPerSecond.rounded())) output tok/s")
        }
        for (name, latency) in [("TTFT", timeToFirstToken), ("ITL", interTokenLatency), ("E2E", endToEndLatency)] {
            guard let p50 = latency.milliseconds(at: 50), let p99 = latency.milliseconds(at: 99) else { continue }
            parts.append("\(name) p50 \(Self.milliseconds(p50)) / p99 \(Self.milliseconds(p99)) ms")
        }
        let elsewhere = Set(0..<shardCount).subtracting(atCase)
        if !elsewhere.isEmpty {
            let silent = elsewhere.subtracting(reporting).subtracting(quiet).sorted()
            let behind = elsewhere.intersection(reporting).sorted()
            if !behind.isEmpty { parts.append("behind: shard \(behind.map(String.init).joined(separator: ", "))") }
            if !silent.isEmpty {
                parts.append("not reporting: shard \(silent.map(String.init).joined(separator: ", "))")
            }
            if !quiet.isEmpty { parts.append("gone quiet: shard \(quiet.map(String.init).joined(separator: ", "))") }
        }
        if !unreadableFiles.isEmpty { parts.append("unreadable: \(unreadableFiles.joined(separator: ", "))") }
        if isFinished { parts.append("finished") }
        return parts.joined(separator: " · ")
    }

    /// A latency in milliseconds: whole from 100 ms, else to a tenth.
    private static func milliseconds(_ value: Double) -> String {
        value >= 100 ? String(Int(value.rounded())) : String((value * 10).rounded() / 10)
    }
}
