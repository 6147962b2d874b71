import Foundation

/// The wait at each case for every shard of a run, through a folder they share (`--sync`): each
/// shard writes when it arrived, and once all have, every shard reads the same arrivals and starts
/// at the same instant, the latest arrival plus a lead that lets the last one be seen by all. When
/// the wait times out, the shards there start without the others and say so in the folder, so
/// that one arriving later starts at once and is counted late by as much.
struct ShardBarrier: Sendable {
    let start: CommonStart
    let shard: ShardSelection
    /// The shards that earlier cases of the run started without.
    let absence: ShardAbsence
    /// How long a case waits, once every other shard is there, for shards presumed gone.
    let presumedGoneWaitNanoseconds: Int64

    init(
        start: CommonStart,
        shard: ShardSelection,
        absence: ShardAbsence = ShardAbsence(),
        presumedGoneWaitNanoseconds: Int64 = 5_000_000_000
    ) {
        self.start = start
        self.shard = shard
        self.absence = absence
        self.presumedGoneWaitNanoseconds = presumedGoneWaitNanoseconds
    }

    /// Between an arrival and the common start: how long the last arrival may take to be seen.
    static let leadNanoseconds: Int64 = 500_000_000
    /// How often the folder is looked at while shards are missing.
    static let pollInterval = Duration.milliseconds(20)

    /// Waits until every shard reached case `caseIndex` at `step` (or the timeout passed, or the
    /// user stops the run), then until the common start; `isFirst` applies `--start-at`. A shard
    /// that finds others started without it starts at once, late by as long as it was.
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
        let folder = ShardSyncFolder(
            path: (directory as NSString).appendingPathComponent("case-\(caseIndex)-step-\(step)"),
            shard: shard
        )
        let (arrival, offset) = try folder.arrive()
        let timeout = Int64(start.timeoutSeconds * 1e9)
        // An arrival written longer than the timeout before this one is another run's.
        let earliest = arrival - timeout
        // Before --start-at no shard is late: the timeout runs from it.
        let deadline = max(arrival, notBefore ?? arrival) + timeout
        let look = try await awaitOthers(in: folder, since: earliest, until: deadline, stop: stop)
        // Others began without this one: whoever arrived, however long ago, was there.
        let arrivals = look.startedWithout == nil ? look.arrivals : try folder.look(since: .min).arrivals
        let missing = (0..<shard.count).filter { arrivals[$0] == nil }
        // A run stopped or cancelled while it waited tells the others nothing.
        let isAbandoned = stop.isRequested || Task.isCancelled
        var target: Int64
        if let startedWithout = look.startedWithout {
            target = startedWithout
        } else if missing.isEmpty {
            target = max((arrivals.values.max() ?? arrival) + Self.leadNanoseconds, notBefore ?? 0)
        } else {
            target = max(WallClock.now(), notBefore ?? 0)
            if !isAbandoned { try folder.markStartedWithout(at: target) }
        }
        if !missing.isEmpty, !isAbandoned { absence.record(missing, at: folder) }
        await sleep(until: target, stop: stop)
        // A shard that gave up as this one arrived, or with it, began first: all began then.
        if look.startedWithout == nil, let startedWithout = try folder.look(since: earliest).startedWithout,
            startedWithout < target
        {
            target = startedWithout
        }
        return ShardStart(
            targetUnixNanoseconds: target,
            lateNanoseconds: WallClock.now() - target,
            missingShards: missing,
            clockOffsetNanoseconds: offset
        )
    }

    /// Looks at `folder` until every shard arrived, one started without the others, the
    /// `deadline` passed or the user stopped the run; shards presumed gone are waited for only
    /// `presumedGoneWaitNanoseconds` once the others are there. Only what was written at or
    /// after `earliest` counts.
    private func awaitOthers(
        in folder: ShardSyncFolder,
        since earliest: Int64,
        until deadline: Int64,
        stop: StopRequest
    )
        async throws(OutputError) -> ShardSyncFolder.Look
    {
        let gone = absence.presumedGone()
        var end = deadline
        var look = try folder.look(since: earliest)
        while look.arrivals.count < shard.count, look.startedWithout == nil, !stop.isRequested, !Task.isCancelled {
            let now = WallClock.now()
            if !gone.isEmpty, Set(0..<shard.count).subtracting(look.arrivals.keys).isSubset(of: gone) {
                end = min(end, now + presumedGoneWaitNanoseconds)
            }
            guard now < end else { break }
            try? await Task.sleep(for: Self.pollInterval)
            look = try folder.look(since: earliest)
        }
        return look
    }

    /// Sleeps until `instant` on the wall clock, or until the user stops the run (or the task is
    /// cancelled, when a sleep would return at once and the loop spin); the last
    /// milliseconds are waited out on the clock itself, as a sleep may wake a millisecond late.
    private func sleep(until instant: Int64, stop: StopRequest) async {
        while !stop.isRequested, !Task.isCancelled {
            let remaining = instant - WallClock.now()
            guard remaining > Self.spinNanoseconds else { break }
            try? await Task.sleep(for: .nanoseconds(min(remaining - Self.spinNanoseconds, 100_000_000)))
        }
        while WallClock.now() < instant, !stop.isRequested, !Task.isCancelled {}
    }

    /// The end of a wait spent reading the clock rather than asleep.
    private static let spinNanoseconds: Int64 = 2_000_000
}
