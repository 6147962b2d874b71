import Foundation

/// The wait at each case for every shard of a run, through a folder they share (`--sync`): each
/// shard writes when it arrived, and once all have, every shard reads the same arrivals and starts
/// at the same instant, the latest arrival plus a lead that lets the last one be seen by all.
struct ShardBarrier: Sendable {
    let start: CommonStart
    let shard: ShardSelection

    /// Between an arrival and the common start: how long the last arrival may take to be seen.
    static let leadNanoseconds: Int64 = 500_000_000
    /// How often the folder is looked at while shards are missing.
    static let pollInterval = Duration.milliseconds(20)

    /// Waits until every shard reached case `caseIndex` at `step` (or the timeout passed, or the
    /// user stops the run), then until the common start; `isFirst` applies `--start-at`.
    func wait(caseIndex: Int, step: Int, isFirst: Bool, stop: StopRequest) async throws(OutputError) -> ShardStart? {
        let notBefore = isFirst ? start.notBeforeUnixNanoseconds : nil
        guard let directory = start.syncDirectory else {
            guard let notBefore else { return nil }
            await sleep(until: notBefore, stop: stop)
            return ShardStart(
                targetUnixNanoseconds: notBefore,
                lateNanoseconds: WallClock.now() - notBefore,
                missingShards: []
            )
        }
        let folder = (directory as NSString).appendingPathComponent("case-\(caseIndex)-step-\(step)")
        let offset = try arrive(in: folder)
        let deadline = WallClock.now() + Int64(start.timeoutSeconds * 1e9)
        var arrivals = try self.arrivals(in: folder)
        while arrivals.count < shard.count, WallClock.now() < deadline, !stop.isRequested {
            try? await Task.sleep(for: Self.pollInterval)
            arrivals = try self.arrivals(in: folder)
        }
        let missing = (0..<shard.count).filter { arrivals[$0] == nil }
        let target =
            missing.isEmpty
            ? max(arrivals.values.max() ?? 0, notBefore ?? 0) + Self.leadNanoseconds : WallClock.now()
        await sleep(until: target, stop: stop)
        return ShardStart(
            targetUnixNanoseconds: target,
            lateNanoseconds: WallClock.now() - target,
            missingShards: missing,
            clockOffsetNanoseconds: offset
        )
    }

    /// Writes this shard's arrival into `folder` (whole, under its final name at once) and returns
    /// this clock − the folder's; a shard's arrival already there is a folder used by another run.
    private func arrive(in folder: String) throws(OutputError) -> Int64? {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: folder, reason: (error as NSError).localizedDescription)
        }
        let path = (folder as NSString).appendingPathComponent("shard-\(shard.index).arrived")
        let draft = path + ".\(ProcessInfo.processInfo.processIdentifier).draft"
        let before = WallClock.now()
        do {
            try Data("\(before)\n".utf8).write(to: URL(fileURLWithPath: draft))
        } catch {
            throw OutputError(path: draft, reason: (error as NSError).localizedDescription)
        }
        defer { unlink(draft) }
        guard link(draft, path) == 0 else {
            let reason =
                errno == EEXIST
                ? "\(shard) already arrived here: the folder holds another run's start; give each run a new --sync folder"
                : String(cString: strerror(errno))
            throw OutputError(path: path, reason: reason)
        }
        let after = WallClock.now()
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        let modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        return before / 2 + after / 2 - modified
    }

    /// The arrivals written so far in `folder`, by shard index.
    private func arrivals(in folder: String) throws(OutputError) -> [Int: Int64] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw OutputError(path: folder, reason: (error as NSError).localizedDescription)
        }
        var arrivals: [Int: Int64] = [:]
        for name in names where name.hasPrefix("shard-") && name.hasSuffix(".arrived") {
            guard let index = Int(name.dropFirst("shard-".count).dropLast(".arrived".count)),
                (0..<shard.count).contains(index),
                let text = try? String(
                    contentsOfFile: (folder as NSString).appendingPathComponent(name),
                    encoding: .utf8
                ),
                let time = Int64(text.trimmingCharacters(in: .whitespacesAndNewlines))
            else { continue }
            arrivals[index] = time
        }
        return arrivals
    }

    /// Sleeps until `instant` on the wall clock, or until the user stops the run; the last
    /// milliseconds are waited out on the clock itself, as a sleep may wake a millisecond late.
    private func sleep(until instant: Int64, stop: StopRequest) async {
        while !stop.isRequested {
            let remaining = instant - WallClock.now()
            guard remaining > Self.spinNanoseconds else { break }
            try? await Task.sleep(for: .nanoseconds(min(remaining - Self.spinNanoseconds, 100_000_000)))
        }
        while WallClock.now() < instant, !stop.isRequested {}
    }

    /// The end of a wait spent reading the clock rather than asleep.
    private static let spinNanoseconds: Int64 = 2_000_000
}
