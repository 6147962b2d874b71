import Foundation

/// Sends one case's requests at one load point: waves, a steady concurrency, or an open-loop
/// arrival rate. Runs in the benchmark's parent task; each request is a child task that returns
/// its record, and finished records go to the sink as they come.
struct LoadDriver {
    /// The benchmark run's id, part of every request id.
    let runID: String
    let executor: RequestExecutor
    let templates: [RequestTemplate]
    let caseIndex: Int
    let isOutputLengthForced: Bool
    let load: LoadSettings
    let seed: UInt64
    let stop: StopRequest
    /// The load point being run (a sweep's step), part of every request id.
    let step: Int
    /// Where the driver tells of each wave it ends, and of each request it starts when
    /// `announcesStarts`.
    let emit: BenchmarkObserver
    /// Whether each start is told (`.requestStarted`): only the live metrics count starts, so
    /// without them no request pays for the event.
    let announcesStarts: Bool
    /// The sessions of a `sessions:` case, which the load then counts instead of requests.
    var sessions: SessionPlan? = nil
    /// The shard this driver sends the share of, if any: its arrivals are its own draws, its
    /// first one at its place among the shards' (shard i of N at i / (N · share) seconds).
    var shard: ShardSelection? = nil

    /// What the driver's task group yields: a finished request, or a timer's tick.
    enum Event: Sendable {
        case finished(RequestRecord, HTTPConnection?)
        case tick
    }

    /// Runs `point`, the case's `step`-th load point, after `warmup` uncounted requests; the
    /// records reach `sink`.
    func run(
        _ point: LoadPoint,
        warmup: Int,
        pool: ConnectionPool,
        sink: RecordSink,
        caseStart: UInt64
    ) async {
        if let sessions {
            await runSessions(point, plan: sessions, warmup: warmup, pool: pool, sink: sink, caseStart: caseStart)
            return
        }
        switch point {
        case .waves(let runs, let concurrency):
            await runWaves(
                runs: runs,
                concurrency: concurrency,
                warmup: warmup,
                pool: pool,
                sink: sink,
                caseStart: caseStart
            )
        case .concurrency(let concurrency, let requests):
            await runSteady(
                concurrency: concurrency,
                requests: requests,
                warmup: warmup,
                pool: pool,
                sink: sink,
                caseStart: caseStart
            )
        case .rate(let rate, let requests):
            await runOpenLoop(
                rate: rate,
                requests: requests,
                warmup: warmup,
                pool: pool,
                sink: sink,
                caseStart: caseStart
            )
        case .trace(let replay):
            await runTrace(replay, warmup: warmup, pool: pool, sink: sink, caseStart: caseStart)
        }
    }

    /// The `number`-th request of the case (its template cycles through the case's prompts).
    func job(number: Int, run: Int, index: Int, scheduled: UInt64? = nil, isWarmup: Bool) -> RequestJob {
        let template = templates[number % templates.count]
        return RequestJob(
            runID: runID,
            caseIndex: caseIndex,
            step: step,
            run: run,
            index: index,
            inputTokens: template.inputTokens,
            outputTokens: template.outputTokens,
            body: template.body,
            scheduledNanoseconds: scheduled,
            isWarmup: isWarmup,
            isOutputLengthForced: isOutputLengthForced
        )
    }

    /// Starts `job` as a child task on a pooled connection, then tells of it (after, so that no
    /// observer delays the start).
    func launch(_ job: RequestJob, in group: inout TaskGroup<Event>, pool: ConnectionPool, caseStart: UInt64) {
        let connection = pool.take()
        let executor = executor
        group.addTask {
            let (record, connection) = await executor.run(job, connection: connection, caseStart: caseStart)
            return .finished(record, connection)
        }
        if announcesStarts { emit(.requestStarted(caseIndex: caseIndex, step: step, isWarmup: job.isWarmup)) }
    }

    /// Takes back a finished request's connection and hands its record to the sink.
    func collect(_ record: RequestRecord, _ connection: HTTPConnection?, pool: ConnectionPool, sink: RecordSink) {
        pool.give(connection)
        sink.add(record)
    }

    /// Whether new requests may start: no stop was asked and the case's duration has not run out.
    func isOpen(_ caseStart: UInt64) -> Bool {
        guard !stop.isRequested else { return false }
        guard let duration = load.durationSeconds else { return true }
        return MonotonicClock.now() < caseStart &+ UInt64(duration * 1e9)
    }

    /// The original request's waves: each run sends `concurrency` requests at once and waits for all; a
    /// warm-up wave of `warmup` requests goes first.
    private func runWaves(
        runs: Int,
        concurrency: Int,
        warmup: Int,
        pool: ConnectionPool,
        sink: RecordSink,
        caseStart: UInt64
    ) async {
        var number = 0
        let waves = (warmup > 0 ? [(0, warmup)] : []) + (1...runs).map { ($0, concurrency) }
        for (run, size) in waves where !stop.isRequested {
            await withTaskGroup(of: Event.self) { group in
                for index in 0..<size {
                    launch(
                        job(number: number, run: run, index: index, isWarmup: run == 0),
                        in: &group,
                        pool: pool,
                        caseStart: caseStart
                    )
                    number += 1
                }
                for await event in group {
                    if case .finished(let record, let connection) = event {
                        collect(record, connection, pool: pool, sink: sink)
                    }
                }
            }
            if run > 0 { emit(.runFinished(run: run, of: runs)) }
            if sink.writeFailure != nil { return }
        }
    }

    /// Closed loop: keeps `concurrency` requests in flight (rising over `ramp_up`), starting a new
    /// one the moment one ends, until `requests` (after the warm-up) or the duration.
    private func runSteady(
        concurrency: Int,
        requests: Int?,
        warmup: Int,
        pool: ConnectionPool,
        sink: RecordSink,
        caseStart: UInt64
    ) async {
        let total = requests.map { $0 + warmup } ?? Int.max
        let ramp = load.rampUpSeconds
        await withTaskGroup(of: Event.self) { group in
            var launched = 0
            var inFlight = 0
            var target = ramp > 0 ? 1 : concurrency
            if ramp > 0 { addTick(after: ramp / Double(concurrency), to: &group) }
            while true {
                while inFlight < target, launched < total, sink.writeFailure == nil, isOpen(caseStart) {
                    launch(
                        job(number: launched, run: 1, index: launched, isWarmup: launched < warmup),
                        in: &group,
                        pool: pool,
                        caseStart: caseStart
                    )
                    launched += 1
                    inFlight += 1
                }
                guard let event = await group.next() else { break }
                switch event {
                case .finished(let record, let connection):
                    inFlight -= 1
                    collect(record, connection, pool: pool, sink: sink)
                case .tick:
                    target = rampTarget(concurrency: concurrency, caseStart: caseStart)
                    if target < concurrency, launched < total, isOpen(caseStart) {
                        addTick(after: ramp / Double(concurrency), to: &group)
                    }
                }
            }
        }
    }

    private func addTick(after seconds: Double, to group: inout TaskGroup<Event>) {
        addTick(at: Self.deadline(after: seconds), to: &group)
    }

    /// `MonotonicClock` nanoseconds `seconds` from now.
    static func deadline(after seconds: Double) -> UInt64 { MonotonicClock.now() &+ UInt64(max(0, seconds) * 1e9) }

    /// The concurrency a closed loop rising over `ramp_up` to `concurrency` has reached now.
    func rampTarget(concurrency: Int, caseStart: UInt64) -> Int {
        let elapsed = Double(MonotonicClock.now() &- caseStart) / 1e9
        return min(concurrency, max(1, Int((Double(concurrency) * elapsed / load.rampUpSeconds).rounded(.up))))
    }

    /// The arrival times drawn for `rate` with the load's arrival process and the case's seed
    /// (a shard's: drawn apart from the other shards', so that together they make the whole's process).
    func arrivalSchedule(rate: Double) -> ArrivalSchedule {
        ArrivalSchedule(
            rate: rate,
            arrival: load.arrival,
            burstiness: load.burstiness,
            rampUpSeconds: load.rampUpSeconds,
            seed: shard.map { seed &+ UInt64($0.index) &* 0x9E37_79B9_7F4A_7C15 } ?? seed,
            firstArrivalSeconds: shard.map { Double($0.index) / (Double($0.count) * rate) } ?? 0
        )
    }

    /// Adds a child task that ticks at `deadline` (`MonotonicClock` nanoseconds), or soon after a stop.
    func addTick(at deadline: UInt64, to group: inout TaskGroup<Event>) {
        group.addTask { [stop] in
            await Self.wait(until: deadline, unless: stop)
            return .tick
        }
    }

    /// Waits until `deadline` (`MonotonicClock` nanoseconds) in slices of at most a quarter second,
    /// so that a stop ends the wait soon (a trace's next arrival may be minutes away).
    static func wait(until deadline: UInt64, unless stop: StopRequest) async {
        while !stop.isRequested {
            let now = MonotonicClock.now()
            guard deadline > now else { return }
            try? await Task.sleep(for: .nanoseconds(Int64(min(deadline - now, 250_000_000))))
        }
    }
}
