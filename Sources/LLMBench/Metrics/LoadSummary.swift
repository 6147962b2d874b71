/// How a case or step was loaded and how well it met the latency targets.
public struct LoadSummary: Sendable {
    /// `waves`, `concurrency` or `rate`.
    public var mode: String
    /// Requests in flight asked for (waves and concurrency modes).
    public var concurrency: Int?
    /// Arrival rate asked for (rate mode), requests per second.
    public var targetRate: Double?
    /// Counted requests started per second: (n − 1) / (last start − first start).
    public var achievedRate: Double?
    /// Mean requests in flight: the sum of request durations / wall time (Little's law).
    public var meanConcurrency: Double?
    /// Real start − scheduled start, milliseconds (rate mode).
    public var scheduleLag: Distribution?
    /// First token − scheduled start, milliseconds (rate mode).
    public var intendedTimeToFirstToken: Distribution?
    /// End − scheduled start, milliseconds (rate mode).
    public var intendedEndToEnd: Distribution?
    /// Requests meeting every SLO, per second of wall time.
    public var goodputRequests: Double?
    /// Output tokens of requests meeting every SLO, per second of wall time.
    public var goodputTokens: Double?
    /// Share of counted requests (failed ones included) that met every SLO, percent.
    public var sloAttainmentPercent: Double?
    /// Whether each targeted metric's percentile is within its target.
    public var meetsSLOs: Bool?

    /// Computes the load figures of `records` measured at `point` over `wallTimeSeconds`.
    init(records: [RequestRecord], point: LoadPoint, slo: ServiceLevelObjectives, wallTimeSeconds: Double) {
        let toMilliseconds = 1e-6
        mode = point.modeName
        switch point {
        case .waves(_, let concurrency), .concurrency(let concurrency, _): self.concurrency = concurrency
        case .rate(let rate, _): targetRate = rate
        }
        let starts = records.map(\.startOffsetNanoseconds).sorted()
        if let first = starts.first, let last = starts.last, last > first {
            achievedRate = Double(starts.count - 1) / (Double(last - first) * 1e-9)
        }
        if wallTimeSeconds > 0 {
            let busy = records.reduce(0.0) {
                $0 + Double($1.endOffsetNanoseconds &- min($1.startOffsetNanoseconds, $1.endOffsetNanoseconds))
            }
            meanConcurrency = busy * 1e-9 / wallTimeSeconds
        }
        scheduleLag = Distribution(
            records.compactMap { record in
                record.scheduledOffsetNanoseconds.map {
                    Double(record.startOffsetNanoseconds &- min($0, record.startOffsetNanoseconds))
                }
            }
        )?.scaled(by: toMilliseconds)
        let successes = records.filter(\.isSuccess)
        intendedTimeToFirstToken = Distribution(
            successes.compactMap { $0.intendedTimeToFirstTokenNanoseconds.map { Double($0) } }
        )?
        .scaled(by: toMilliseconds)
        intendedEndToEnd = Distribution(successes.compactMap { $0.intendedEndToEndNanoseconds.map { Double($0) } })?
            .scaled(by: toMilliseconds)
        guard !slo.isEmpty else { return }
        let good = successes.filter { Self.meets(slo, $0) }
        if wallTimeSeconds > 0 {
            goodputRequests = Double(good.count) / wallTimeSeconds
            goodputTokens = Double(good.reduce(0) { $0 + $1.outputTokens }) / wallTimeSeconds
        }
        if !records.isEmpty { sloAttainmentPercent = 100 * Double(good.count) / Double(records.count) }
        meetsSLOs = Self.percentilesMeet(slo, successes: successes, total: records.count)
    }

    /// Whether one request meets every target on its own.
    static func meets(_ slo: ServiceLevelObjectives, _ record: RequestRecord) -> Bool {
        let milliseconds = { (nanoseconds: Double) in nanoseconds / 1e6 }
        if let target = slo.timeToFirstTokenMilliseconds {
            guard let ttft = record.timeToFirstTokenNanoseconds, milliseconds(Double(ttft)) <= target else {
                return false
            }
        }
        if let target = slo.timePerOutputTokenMilliseconds, let tpot = record.timePerOutputTokenNanoseconds {
            guard milliseconds(tpot) <= target else { return false }
        }
        if let target = slo.interTokenLatencyMilliseconds {
            guard record.interTokenNanoseconds.allSatisfy({ milliseconds(Double($0)) <= target }) else { return false }
        }
        if let target = slo.endToEndMilliseconds {
            guard let e2e = record.endToEndNanoseconds, milliseconds(Double(e2e)) <= target else { return false }
        }
        return true
    }

    /// Whether the `slo.percentile` of each targeted metric over successful requests is within its
    /// target; false when more requests failed than the percentile leaves room for.
    static func percentilesMeet(_ slo: ServiceLevelObjectives, successes: [RequestRecord], total: Int) -> Bool {
        guard !successes.isEmpty else { return false }
        let fraction = slo.percentile / 100
        if Double(total - successes.count) > Double(total) * (1 - fraction) + 1e-9 { return false }
        func within(_ target: Double?, _ values: @autoclosure () -> [Double]) -> Bool {
            guard let target else { return true }
            let values = values()
            guard !values.isEmpty else { return true }
            return Distribution.percentile(fraction, ofSorted: values.sorted()) / 1e6 <= target
        }
        func interTokenWithin(_ target: Double?) -> Bool {
            guard let target else { return true }
            guard let gap = PooledDurations(successes.lazy.map(\.interTokenNanoseconds)).percentile(fraction) else {
                return true
            }
            return gap / 1e6 <= target
        }
        return within(
            slo.timeToFirstTokenMilliseconds,
            successes.compactMap { $0.timeToFirstTokenNanoseconds.map { Double($0) } }
        )
            && within(slo.timePerOutputTokenMilliseconds, successes.compactMap(\.timePerOutputTokenNanoseconds))
            && interTokenWithin(slo.interTokenLatencyMilliseconds)
            && within(slo.endToEndMilliseconds, successes.compactMap { $0.endToEndNanoseconds.map { Double($0) } })
    }
}
