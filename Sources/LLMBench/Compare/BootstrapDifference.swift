import LLMBenchSupport

/// Seeded percentile-bootstrap confidence intervals for the differences candidate − baseline of
/// the mean and percentiles of two samples.
///
/// Each of `resamples` rounds draws, with replacement, as many values as each side holds, takes
/// each statistic of both resamples (percentiles by the engine's linear interpolation,
/// `Distribution.percentile`) and keeps their difference; the interval runs from the
/// (1 − level)/2 to the (1 + level)/2 quantile of those differences. A side of more than
/// `sampleCap` values is first reduced to a seeded uniform subsample of `sampleCap` values
/// (without replacement), which keeps the cost bounded and makes the interval, if anything,
/// wider than for all values. A resample is drawn as counts per (sorted) value, so its
/// statistics take one pass instead of a sort. The same seed gives the same intervals.
struct BootstrapDifference {
    /// The interval for each statistic asked for.
    let intervals: [Distribution.Statistic: ConfidenceInterval]
    /// The values of each side the resamples were drawn from (at most `sampleCap`).
    let baselineValuesUsed: Int
    let candidateValuesUsed: Int

    /// The intervals of `statistics` (mean and percentiles) for two samples sorted ascending,
    /// neither empty.
    init(
        sortedBaseline: [Double],
        sortedCandidate: [Double],
        statistics: [Distribution.Statistic],
        resamples: Int,
        sampleCap: Int,
        level: Double,
        random: inout SeededRandom
    ) {
        let baseline = Self.subsample(sortedBaseline, cap: sampleCap, random: &random)
        let candidate = Self.subsample(sortedCandidate, cap: sampleCap, random: &random)
        var differences = [[Double]](repeating: [], count: statistics.count)
        var baselineCounts = [Int32](repeating: 0, count: baseline.count)
        var candidateCounts = [Int32](repeating: 0, count: candidate.count)
        for _ in 0..<resamples {
            Self.resample(into: &baselineCounts, random: &random)
            Self.resample(into: &candidateCounts, random: &random)
            let before = Self.statistics(statistics, ofSorted: baseline, counts: baselineCounts)
            let after = Self.statistics(statistics, ofSorted: candidate, counts: candidateCounts)
            for position in statistics.indices { differences[position].append(after[position] - before[position]) }
        }
        var intervals: [Distribution.Statistic: ConfidenceInterval] = [:]
        for (position, statistic) in statistics.enumerated() {
            let sorted = differences[position].sorted()
            guard !sorted.isEmpty else { continue }
            intervals[statistic] = ConfidenceInterval(
                lower: Distribution.percentile((1 - level) / 2, ofSorted: sorted),
                upper: Distribution.percentile((1 + level) / 2, ofSorted: sorted),
                level: level
            )
        }
        self.intervals = intervals
        baselineValuesUsed = baseline.count
        candidateValuesUsed = candidate.count
    }

    /// A uniform draw in `0 ..< count` (the high half of a 64 × 64-bit product).
    static func uniform(_ count: Int, random: inout SeededRandom) -> Int {
        Int(random.next().multipliedFullWidth(by: UInt64(count)).high)
    }

    /// At most `cap` of the sorted `values`, chosen uniformly without replacement (a partial
    /// Fisher-Yates shuffle of their positions), still sorted; all of them when there are no more.
    static func subsample(_ values: [Double], cap: Int, random: inout SeededRandom) -> [Double] {
        guard values.count > cap else { return values }
        var positions = Array(values.indices)
        for slot in 0..<cap {
            positions.swapAt(slot, slot + uniform(values.count - slot, random: &random))
        }
        return positions[0..<cap].sorted().map { values[$0] }
    }

    /// Draws `counts.count` positions with replacement, counting how often each is drawn.
    static func resample(into counts: inout [Int32], random: inout SeededRandom) {
        for position in counts.indices { counts[position] = 0 }
        for _ in counts.indices { counts[uniform(counts.count, random: &random)] += 1 }
    }

    /// The `statistics` of the sample that holds each of the sorted `values` `counts` times.
    static func statistics(
        _ statistics: [Distribution.Statistic],
        ofSorted values: [Double],
        counts: [Int32]
    ) -> [Double] {
        let total = counts.reduce(0) { $0 + Int($1) }
        var ranks = Set<Int>()
        for fraction in statistics.compactMap(\.fraction) {
            let lower = Int((fraction * Double(total - 1)).rounded(.down))
            ranks.insert(lower)
            ranks.insert(min(lower + 1, total - 1))
        }
        let wanted = ranks.sorted()
        var valueAtRank: [Int: Double] = [:]
        var next = 0
        var seen = 0
        var sum = 0.0
        for (position, count) in counts.enumerated() where count > 0 {
            sum += Double(count) * values[position]
            seen += Int(count)
            while next < wanted.count, wanted[next] < seen {
                valueAtRank[wanted[next]] = values[position]
                next += 1
            }
        }
        return statistics.map { statistic in
            if statistic == .count { return Double(total) }
            guard let fraction = statistic.fraction else { return sum / Double(total) }
            return Distribution.percentile(fraction, count: total) { valueAtRank[$0] ?? .nan }
        }
    }
}
