/// The open loop: arrivals drawn for a rate start whatever the completions.
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
        let cap = load.maxConcurrency ?? Int.max
        var arrivals = OpenLoopArrivals(
            schedule: ArrivalSchedule(
                rate: rate,
                arrival: load.arrival,
                burstiness: load.burstiness,
                rampUpSeconds: load.rampUpSeconds,
                seed: seed
            ),
            caseStart: caseStart,
            total: requests.map { $0 + warmup } ?? Int.max
        )
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
                    while arrivals.nextDue <= now, arrivals.hasMore, isOpen(caseStart) { arrivals.admitNext() }
                    if arrivals.hasMore, isOpen(caseStart) { addTick(at: arrivals.nextDue, to: &group) }
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

/// The open loop's arrivals: those due and waiting to start, and the next one to come.
private struct OpenLoopArrivals {
    var schedule: ArrivalSchedule
    let caseStart: UInt64
    /// Arrivals to draw in all, the warm-up included (`Int.max`: until the duration ends).
    let total: Int
    /// The due times of arrivals that wait to start, oldest first.
    var waiting: [UInt64] = []
    /// When the next arrival is due.
    private(set) var nextDue: UInt64 = 0
    /// Arrivals drawn and admitted so far.
    private(set) var admitted = 0

    init(schedule: ArrivalSchedule, caseStart: UInt64, total: Int) {
        self.schedule = schedule
        self.caseStart = caseStart
        self.total = total
        nextDue = drawDue()
    }

    /// Whether arrivals remain to admit.
    var hasMore: Bool { admitted < total }

    /// Moves the next arrival into `waiting` and draws the one after it.
    mutating func admitNext() {
        waiting.append(nextDue)
        admitted += 1
        nextDue = drawDue()
    }

    private mutating func drawDue() -> UInt64 { caseStart &+ UInt64(schedule.nextArrivalOffset() * 1e9) }
}
