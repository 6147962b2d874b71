/// The load points one case is measured at, one at a time: the planned ones in order, or the
/// steps of a sweep search, each chosen from the figures of the last; a trace case's one replay.
struct LoadSchedule {
    private let plan: LoadPlan
    private let slo: ServiceLevelObjectives
    private var planned: IndexingIterator<[LoadPoint]>
    private var search: SweepSearch?
    private var isSearchOver = false
    /// Load points handed out so far; the next one's step index.
    private(set) var steps = 0

    /// The schedule of every case of `plan`; a search judges its steps by `slo`. A trace case
    /// (`replay`) runs its replay once, whatever the plan's mode.
    init(plan: LoadPlan, slo: ServiceLevelObjectives, replay: TraceReplay? = nil) {
        self.plan = plan
        self.slo = slo
        if let replay {
            planned = [LoadPoint.trace(replay)].makeIterator()
            return
        }
        planned = plan.points.makeIterator()
        if case .search(let maximum) = plan.steps { search = SweepSearch(maxConcurrency: maximum) }
    }

    /// The next load point, or nil when the case is done.
    mutating func next() -> LoadPoint? {
        let point: LoadPoint?
        if let search {
            point =
                isSearchOver
                ? nil
                : search.next().map(plan.searchPoint(concurrency:))
        } else {
            point = planned.next()
        }
        if point != nil { steps += 1 }
        return point
    }

    /// Takes the figures of the point last handed out; a search chooses its next step from them,
    /// and ends when nothing was measured.
    mutating func record(_ summary: CaseSummary, at point: LoadPoint) {
        guard search != nil, case .concurrency(let concurrency, _) = point else { return }
        guard summary.measuredRequests > 0 else {
            isSearchOver = true
            return
        }
        search?.record(
            concurrency: concurrency,
            throughput: summary.outputThroughput ?? 0,
            meetsSLOs: slo.isEmpty ? summary.failedRequests == 0 : summary.load.meetsSLOs == true
        )
    }

    /// What the search found for case `caseIndex`; nil for a schedule without a search.
    func outcome(caseIndex: Int) -> SweepOutcome? {
        search.map { search in
            SweepOutcome(
                caseIndex: caseIndex,
                bestConcurrency: search.best,
                steps: search.steps.map(\.concurrency),
                isSaturated: search.isSaturated
            )
        }
    }
}
