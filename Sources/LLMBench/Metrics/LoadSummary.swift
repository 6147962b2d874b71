/// How a case or step was loaded and how well it met the latency targets.
public struct LoadSummary: Sendable {
    /// `waves`, `concurrency`, `rate` or `trace`.
    public private(set) var mode: String
    /// Requests in flight asked for (waves and concurrency modes).
    public private(set) var concurrency: Int?
    /// Arrival rate asked for (rate mode; a trace's mean rate as replayed), requests per second.
    public private(set) var targetRate: Double?
    /// Counted requests started per second: (n − 1) / (last start − first start).
    public private(set) var achievedRate: Double?
    /// Mean requests in flight: the sum of request durations / wall time (Little's law).
    public private(set) var meanConcurrency: Double?
    /// Requests meeting every SLO, per second of wall time.
    public private(set) var goodputRequests: Double?
    /// Output tokens of requests meeting every SLO, per second of wall time.
    public private(set) var goodputTokens: Double?
    /// Share of counted requests (failed ones included) that met every SLO, percent.
    public private(set) var sloAttainmentPercent: Double?
    /// Whether each targeted metric's percentile is within its target.
    public private(set) var meetsSLOs: Bool?

    /// Computes the load figures of `records` measured at `point` over `wallTimeSeconds`.
    init(records: [RequestRecord], point: LoadPoint, slo: ServiceLevelObjectives, wallTimeSeconds: Double) {
        mode = point.modeName
        switch point {
        case .waves(_, let concurrency), .concurrency(let concurrency, _): self.concurrency = concurrency
        case .rate(let rate, _): targetRate = rate
        case .trace(let replay): targetRate = replay.meanRate
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
        guard !slo.isEmpty else { return }
        let successes = records.filter(\.isSuccess)
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
        let targets: [(LatencyMetric, Double?)] = [
            (.ttft, slo.timeToFirstTokenMilliseconds), (.tpot, slo.timePerOutputTokenMilliseconds),
            (.itl, slo.interTokenLatencyMilliseconds), (.e2e, slo.endToEndMilliseconds),
        ]
        return targets.allSatisfy { metric, target in
            guard let target, let value = metric.percentile(fraction, of: successes) else { return true }
            return value / 1e6 <= target
        }
    }
}
