import Foundation

/// Sends one case's requests at one load point: waves, a steady concurrency, or an open-loop
/// arrival rate. Runs in the benchmark's parent task; each request is a child task that returns
/// its record, and finished records go to the sink as they come.
struct LoadDriver {
    let executor: RequestExecutor
    let templates: [RequestTemplate]
    let caseIndex: Int
    let isOutputLengthForced: Bool
    let load: LoadSettings
    let seed: UInt64
    let stop: StopRequest

    private enum Event: Sendable {
        case finished(RequestRecord, HTTPConnection?)
        case tick
    }

    /// Runs `point`; the records reach `sink`.
    func run(_ point: LoadPoint, pool: ConnectionPool, sink: RecordSink, reporter: ConsoleReporter, caseStart: UInt64)
        async
    {
        switch point {
        case .waves(let runs, let concurrency):
            await runWaves(
                runs: runs,
                concurrency: concurrency,
                pool: pool,
                sink: sink,
                reporter: reporter,
                caseStart: caseStart
            )
        case .concurrency(let concurrency, let requests):
            await runSteady(concurrency: concurrency, requests: requests, pool: pool, sink: sink, caseStart: caseStart)
        case .rate(let rate, let requests):
            await runOpenLoop(rate: rate, requests: requests, pool: pool, sink: sink, caseStart: caseStart)
        }
    }

    private func job(number: Int, run: Int, index: Int, scheduled: UInt64? = nil, isWarmup: Bool) -> RequestJob {
        let template = templates[number % templates.count]
        return RequestJob(
            caseIndex: caseIndex,
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

    private func launch(_ job: RequestJob, in group: inout TaskGroup<Event>, pool: ConnectionPool, caseStart: UInt64) {
        let connection = pool.take()
        let executor = executor
        group.addTask {
            let (record, connection) = await executor.run(job, connection: connection, caseStart: caseStart)
            return .finished(record, connection)
        }
    }

    /// Takes back a finished request's connection and hands its record to the sink.
    private func collect(_ record: RequestRecord, _ connection: HTTPConnection?, pool: ConnectionPool, sink: RecordSink)
    {
        pool.give(connection)
        sink.add(record)
    }

    private func isOpen(_ caseStart: UInt64) -> Bool {
        guard !stop.isRequested else { return false }
        guard let duration = load.durationSeconds else { return true }
        return MonotonicClock.now() < caseStart &+ UInt64(duration * 1e9)
    }

    /// The seed's waves: each run sends `concurrency` requests at once and waits for all; a
    /// warm-up wave of `warmup` requests goes first.
    private func runWaves(
        runs: Int,
        concurrency: Int,
        pool: ConnectionPool,
        sink: RecordSink,
        reporter: ConsoleReporter,
        caseStart: UInt64
    ) async {
        var number = 0
        let waves = (load.warmup > 0 ? [(0, load.warmup)] : []) + (1...runs).map { ($0, concurrency) }
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
            if run > 0 { reporter.runFinished(run: run, of: runs) }
            if sink.writeFailure != nil { return }
        }
    }

    /// Closed loop: keeps `concurrency` requests in flight (rising over `ramp_up`), starting a new
    /// one the moment one ends, until `requests` (after the warm-up) or the duration.
    private func runSteady(concurrency: Int, requests: Int?, pool: ConnectionPool, sink: RecordSink, caseStart: UInt64)
        async
    {
        let total = requests.map { $0 + load.warmup } ?? Int.max
        let ramp = load.rampUpSeconds
        await withTaskGroup(of: Event.self) { group in
            var launched = 0
            var inFlight = 0
            var target = ramp > 0 ? 1 : concurrency
            if ramp > 0 { addTick(after: ramp / Double(concurrency), to: &group) }
            while true {
                while inFlight < target, launched < total, sink.writeFailure == nil, isOpen(caseStart) {
                    launch(
                        job(number: launched, run: 1, index: launched, isWarmup: launched < load.warmup),
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
                    let elapsed = Double(MonotonicClock.now() &- caseStart) / 1e9
                    target = min(concurrency, max(1, Int((Double(concurrency) * elapsed / ramp).rounded(.up))))
                    if target < concurrency, launched < total, isOpen(caseStart) {
                        addTick(after: ramp / Double(concurrency), to: &group)
                    }
                }
            }
        }
    }

    /// Open loop: requests are due at arrival times drawn for `rate` whatever the completions;
    /// with `max_concurrency` reached they wait, and the wait counts in their intended latency.
    private func runOpenLoop(rate: Double, requests: Int?, pool: ConnectionPool, sink: RecordSink, caseStart: UInt64)
        async
    {
        let total = requests.map { $0 + load.warmup } ?? Int.max
        let cap = load.maxConcurrency ?? Int.max
        var schedule = ArrivalSchedule(rate: rate, arrival: load.arrival, burstiness: load.burstiness, seed: seed)
        await withTaskGroup(of: Event.self) { group in
            var due: [UInt64] = []
            var nextDue = caseStart
            var scheduled = 0
            var launched = 0
            var inFlight = 0
            group.addTask { .tick }
            while let event = await group.next() {
                switch event {
                case .finished(let record, let connection):
                    inFlight -= 1
                    collect(record, connection, pool: pool, sink: sink)
                case .tick:
                    let now = MonotonicClock.now()
                    while nextDue <= now, scheduled < total, isOpen(caseStart) {
                        due.append(nextDue)
                        scheduled += 1
                        nextDue &+= UInt64(schedule.nextGap() / rampFactor(at: nextDue, caseStart: caseStart) * 1e9)
                    }
                    if scheduled < total, isOpen(caseStart) {
                        addTick(at: nextDue, to: &group)
                    }
                }
                if stop.isRequested || sink.writeFailure != nil { due.removeAll() }
                var started = 0
                while started < due.count, inFlight < cap {
                    launch(
                        job(
                            number: launched,
                            run: 1,
                            index: launched,
                            scheduled: due[started],
                            isWarmup: launched < load.warmup
                        ),
                        in: &group,
                        pool: pool,
                        caseStart: caseStart
                    )
                    launched += 1
                    inFlight += 1
                    started += 1
                }
                due.removeFirst(started)
            }
        }
    }

    /// The share of the target rate in force at `time` while ramping up (at least a tenth).
    private func rampFactor(at time: UInt64, caseStart: UInt64) -> Double {
        guard load.rampUpSeconds > 0 else { return 1 }
        let elapsed = Double(time &- caseStart) / 1e9
        return min(1, max(0.1, elapsed / load.rampUpSeconds))
    }

    private func addTick(after seconds: Double, to group: inout TaskGroup<Event>) {
        addTick(at: MonotonicClock.now() &+ UInt64(max(0, seconds) * 1e9), to: &group)
    }

    private func addTick(at deadline: UInt64, to group: inout TaskGroup<Event>) {
        group.addTask {
            let now = MonotonicClock.now()
            if deadline > now { try? await Task.sleep(for: .nanoseconds(Int64(deadline - now))) }
            return .tick
        }
    }
}
