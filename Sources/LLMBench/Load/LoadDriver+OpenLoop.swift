/// The open loop: arrivals drawn for a rate, or a trace's, start whatever the completions.
extension LoadDriver {
    /// Open loop: requests are due at arrival times drawn for `rate` whatever the completions;
    /// with `max_concurrency` reached they wait, and the wait counts in their intended latency.
    func runOpenLoop(
        rate: Double,
        requests: Int?,
        warmup: Int,
        pool: ConnectionPool,
        sink: RecordSink,
        caseStart: UInt64
    ) async {
        let arrivals = OpenLoopArrivals(
            source: arrivalSchedule(rate: rate),
            caseStart: caseStart,
            total: requests.map { $0 + warmup } ?? Int.max
        )
        await runOpenLoop(
            arrivals,
            warmup: warmup,
            endsWithDuration: true,
            pool: pool,
            sink: sink,
            caseStart: caseStart
        )
    }

    /// A trace replayed: request i is due at the trace's i-th offset (its first `warmup` not
    /// counted), capped by `max_concurrency` as rate mode is; `load.duration` does not cut it (the
    /// case's own `duration` did when the trace was read).
    func runTrace(_ replay: TraceReplay, warmup: Int, pool: ConnectionPool, sink: RecordSink, caseStart: UInt64)
        async
    {
        let arrivals = OpenLoopArrivals(
            source: FixedArrivals(replay.offsetsNanoseconds),
            caseStart: caseStart,
            total: replay.requests
        )
        await runOpenLoop(
            arrivals,
            warmup: warmup,
            endsWithDuration: false,
            pool: pool,
            sink: sink,
            caseStart: caseStart
        )
    }

    /// Starts each of `arrivals` when it is due, up to `max_concurrency` in flight; the first
    /// `warmup` are not counted. With `endsWithDuration`, `load.duration` stops the arrivals.
    private func runOpenLoop<Source: ArrivalOffsets>(
        _ arrivals: OpenLoopArrivals<Source>,
        warmup: Int,
        endsWithDuration: Bool,
        pool: ConnectionPool,
        sink: RecordSink,
        caseStart: UInt64
    ) async {
        let cap = load.maxConcurrency ?? Int.max
        var arrivals = arrivals
        func isAdmitting() -> Bool { endsWithDuration ? isOpen(caseStart) : !stop.isRequested }
        await withTaskGroup(of: Event.self) { group in
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
                    while arrivals.nextDue <= now, arrivals.hasMore, isAdmitting() { arrivals.admitNext() }
                    if arrivals.hasMore, isAdmitting() { addTick(at: arrivals.nextDue, to: &group) }
                }
                if stop.isRequested || sink.writeFailure != nil { arrivals.waiting.removeAll() }
                let startable = min(arrivals.waiting.count, cap - inFlight)
                for scheduled in arrivals.waiting.prefix(startable) {
                    let request = job(
                        number: launched,
                        run: 1,
                        index: launched,
                        scheduled: scheduled,
                        isWarmup: launched < warmup
                    )
                    launch(request, in: &group, pool: pool, caseStart: caseStart)
                    launched += 1
                    inFlight += 1
                }
                arrivals.waiting.removeFirst(startable)
            }
        }
    }
}
