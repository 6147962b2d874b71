/// The load of a `sessions:` case: the modes count sessions, not requests.
///
/// Waves start `concurrency` sessions at once and wait for all; concurrency mode keeps that many
/// sessions going, starting one the moment one ends, until `requests` sessions; rate mode starts
/// sessions at the rate (user-centric), a session's first turn carrying its schedule, with at most
/// `max_concurrency` sessions going. Each turn is a child task of the mode's task group, so the
/// turns of one session never overlap and each record reaches the sink as its turn ends.
extension LoadDriver {
    /// What a session load's task group yields: a turn's end, or a timer's tick.
    enum SessionEvent: Sendable {
        case turnEnded(SessionRunner.Outcome)
        case tick
    }

    /// Runs `point` with sessions of `plan`, after `warmup` uncounted sessions.
    func runSessions(
        _ point: LoadPoint,
        plan: SessionPlan,
        warmup: Int,
        pool: ConnectionPool,
        sink: RecordSink,
        caseStart: UInt64
    ) async {
        let runner = sessionRunner(plan)
        let context = SessionContext(runner: runner, plan: plan, pool: pool, sink: sink, caseStart: caseStart)
        switch point {
        case .waves(let runs, let concurrency):
            await runSessionWaves(runs: runs, concurrency: concurrency, warmup: warmup, context: context)
        case .concurrency(let concurrency, let requests):
            await runSteadySessions(concurrency: concurrency, sessions: requests, warmup: warmup, context: context)
        case .rate(let rate, let requests):
            await runOpenLoopSessions(rate: rate, sessions: requests, warmup: warmup, context: context)
        case .trace:
            preconditionFailure("a trace's load point is made for its own case, never for a session case")
        }
    }

    /// What every mode's loop passes around.
    struct SessionContext {
        let runner: SessionRunner
        let plan: SessionPlan
        let pool: ConnectionPool
        let sink: RecordSink
        let caseStart: UInt64

        /// The `number`-th session of the case (its script cycles through the case's scripts).
        func session(number: Int, run: Int, index: Int, scheduled: UInt64? = nil, isWarmup: Bool)
            -> SessionProgress
        {
            SessionProgress(
                script: plan.scripts[number % plan.scripts.count],
                number: number,
                run: run,
                index: index,
                isWarmup: isWarmup,
                scheduledNanoseconds: scheduled
            )
        }
    }

    private func sessionRunner(_ plan: SessionPlan) -> SessionRunner {
        let emit = emit
        let caseIndex = caseIndex
        let step = step
        var announce: (@Sendable (Bool) -> Void)?
        if announcesStarts {
            announce = { isWarmup in emit(.requestStarted(caseIndex: caseIndex, step: step, isWarmup: isWarmup)) }
        }
        return SessionRunner(
            executor: executor,
            runID: runID,
            caseIndex: caseIndex,
            step: step,
            isOutputLengthForced: isOutputLengthForced,
            plan: plan,
            stop: stop,
            durationSeconds: load.durationSeconds,
            announce: announce
        )
    }

    /// Starts the next turn of `progress` as a child task on a pooled connection.
    private func launchTurn(
        _ progress: SessionProgress,
        in group: inout TaskGroup<SessionEvent>,
        context: SessionContext
    ) {
        let connection = context.pool.take()
        let runner = context.runner
        let caseStart = context.caseStart
        group.addTask {
            .turnEnded(await runner.sendNextTurn(of: progress, connection: connection, caseStart: caseStart))
        }
    }

    /// Takes a turn's end: its connection back, its record to the sink, and the session's next
    /// turn started while the case is open; returns whether the session is over.
    private func advance(
        _ outcome: SessionRunner.Outcome,
        in group: inout TaskGroup<SessionEvent>,
        context: SessionContext
    ) -> Bool {
        context.pool.give(outcome.connection)
        guard let record = outcome.record else { return true }
        context.sink.add(record)
        guard !outcome.progress.isOver, context.sink.writeFailure == nil, isOpen(context.caseStart) else { return true }
        launchTurn(outcome.progress, in: &group, context: context)
        return false
    }

    /// Waves of sessions: each run starts `concurrency` sessions at once and waits for all of
    /// them; a warm-up wave of `warmup` sessions goes first.
    private func runSessionWaves(runs: Int, concurrency: Int, warmup: Int, context: SessionContext) async {
        var number = 0
        let waves = (warmup > 0 ? [(0, warmup)] : []) + (1...runs).map { ($0, concurrency) }
        for (run, size) in waves where !stop.isRequested {
            await withTaskGroup(of: SessionEvent.self) { group in
                for index in 0..<size {
                    let session = context.session(number: number, run: run, index: index, isWarmup: run == 0)
                    launchTurn(session, in: &group, context: context)
                    number += 1
                }
                while let event = await group.next() {
                    if case .turnEnded(let outcome) = event { _ = advance(outcome, in: &group, context: context) }
                }
            }
            if run > 0 { emit(.runFinished(run: run, of: runs)) }
            if context.sink.writeFailure != nil { return }
        }
    }

    /// Closed loop: keeps `concurrency` sessions going (rising over `ramp_up`), starting a new one
    /// the moment one ends, until `sessions` (after the warm-up) or the duration.
    private func runSteadySessions(concurrency: Int, sessions: Int?, warmup: Int, context: SessionContext) async {
        let total = sessions.map { $0 + warmup } ?? Int.max
        let ramp = load.rampUpSeconds
        await withTaskGroup(of: SessionEvent.self) { group in
            var launched = 0
            var going = 0
            var target = ramp > 0 ? 1 : concurrency
            if ramp > 0 { addSessionTick(after: ramp / Double(concurrency), to: &group) }
            while true {
                while going < target, launched < total, context.sink.writeFailure == nil, isOpen(context.caseStart) {
                    let session = context.session(
                        number: launched,
                        run: 1,
                        index: launched,
                        isWarmup: launched < warmup
                    )
                    launchTurn(session, in: &group, context: context)
                    launched += 1
                    going += 1
                }
                guard let event = await group.next() else { break }
                switch event {
                case .turnEnded(let outcome):
                    if advance(outcome, in: &group, context: context) { going -= 1 }
                case .tick:
                    target = rampTarget(concurrency: concurrency, caseStart: context.caseStart)
                    if target < concurrency, launched < total, isOpen(context.caseStart) {
                        addSessionTick(after: ramp / Double(concurrency), to: &group)
                    }
                }
            }
        }
    }

    /// Open loop of users: sessions start at arrival times drawn for `rate` whatever the
    /// completions; with `max_concurrency` sessions going, later ones wait, and the wait counts in
    /// their first turn's intended latency.
    private func runOpenLoopSessions(rate: Double, sessions: Int?, warmup: Int, context: SessionContext) async {
        let cap = load.maxConcurrency ?? Int.max
        let caseStart = context.caseStart
        var arrivals = OpenLoopArrivals(
            source: arrivalSchedule(rate: rate),
            caseStart: caseStart,
            total: sessions.map { $0 + warmup } ?? Int.max
        )
        await withTaskGroup(of: SessionEvent.self) { group in
            var launched = 0
            var going = 0
            group.addTask { .tick }
            while let event = await group.next() {
                switch event {
                case .turnEnded(let outcome):
                    if advance(outcome, in: &group, context: context) { going -= 1 }
                case .tick:
                    let now = MonotonicClock.now()
                    while arrivals.nextDue <= now, arrivals.hasMore, isOpen(caseStart) { arrivals.admitNext() }
                    if arrivals.hasMore, isOpen(caseStart) { addSessionTick(at: arrivals.nextDue, to: &group) }
                }
                // A session started once the duration ran out would end before its first turn.
                if !isOpen(caseStart) || context.sink.writeFailure != nil { arrivals.waiting.removeAll() }
                let startable = min(arrivals.waiting.count, cap - going)
                for scheduled in arrivals.waiting.prefix(startable) {
                    let session = context.session(
                        number: launched,
                        run: 1,
                        index: launched,
                        scheduled: scheduled,
                        isWarmup: launched < warmup
                    )
                    launchTurn(session, in: &group, context: context)
                    launched += 1
                    going += 1
                }
                arrivals.waiting.removeFirst(startable)
            }
        }
    }

    private func addSessionTick(after seconds: Double, to group: inout TaskGroup<SessionEvent>) {
        addSessionTick(at: Self.deadline(after: seconds), to: &group)
    }

    /// Adds a child task that ticks at `deadline` (`MonotonicClock` nanoseconds).
    private func addSessionTick(at deadline: UInt64, to group: inout TaskGroup<SessionEvent>) {
        group.addTask { [stop] in
            await Self.wait(until: deadline, unless: stop)
            return .tick
        }
    }
}
