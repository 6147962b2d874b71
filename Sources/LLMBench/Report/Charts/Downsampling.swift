/// Reducing what a chart draws without hiding what matters: every value kept is a value of the
/// data (never interpolated), extremes and failures stay, and each result says what it kept.
enum Downsampling {
    /// At most `maxPoints` points of the empirical CDF of `values` (non-finite ones left out;
    /// sorted here unless already ascending): x is a value of the data, y the fraction of values
    /// at or below it (in percent when `percent`). Keeps the minimum, the maximum and the two ranks each of
    /// `percentiles` is interpolated between, then values at evenly spaced ranks. With no more
    /// distinct values than `maxPoints`, every one is kept.
    static func cdf(
        of values: [Double],
        maxPoints: Int,
        percentiles: [Double] = Distribution.Statistic.percentileFractions,
        percent: Bool = false
    ) -> Downsampled<ChartPoint> {
        var sorted = values.filter(\.isFinite)
        if zip(sorted, sorted.dropFirst()).contains(where: { $0 > $1 }) { sorted.sort() }
        let count = sorted.count
        guard count > 0, maxPoints > 0 else {
            return Downsampled(elements: [], sourceIndices: [], originalCount: count)
        }
        // The rank of the last copy of each value: the CDF's height there counts every copy.
        var lastRanks: [Int] = []
        for rank in 0..<count where rank == count - 1 || sorted[rank + 1] != sorted[rank] {
            lastRanks.append(rank)
        }
        let chosen: [Int]
        if lastRanks.count <= maxPoints {
            chosen = lastRanks
        } else {
            var required = [0, count - 1]
            for fraction in percentiles where fraction.isFinite {
                let rank = min(max(fraction, 0), 1) * Double(count - 1)
                let lower = Int(rank.rounded(.down))
                required += [lower, min(lower + 1, count - 1)]
            }
            // The extremes first, should `maxPoints` be too small for every percentile.
            var kept = Set<Int>()
            for rank in required.map({ lastRank(atOrAfter: $0, in: lastRanks) }) where kept.count < maxPoints {
                kept.insert(rank)
            }
            kept.formUnion(evenSpread(lastRanks, count: maxPoints - kept.count))
            chosen = kept.sorted()
        }
        let scale = percent ? 100.0 : 1.0
        let points = chosen.map { rank in
            ChartPoint(x: sorted[rank], y: Double(rank + 1) / Double(count) * scale)
        }
        return Downsampled(elements: points, sourceIndices: chosen, originalCount: count)
    }

    /// At most `maxPoints` points of a series in x order: the first and the last, and from each
    /// of `(maxPoints - 2) / 2` equal runs of the points between them, the one with the smallest
    /// and the one with the largest y (min–max decimation: peaks and dips survive).
    static func minMax(_ points: [ChartPoint], maxPoints: Int) -> Downsampled<ChartPoint> {
        let count = points.count
        guard count > maxPoints else {
            return Downsampled(elements: points, sourceIndices: Array(points.indices), originalCount: count)
        }
        guard maxPoints > 0 else { return Downsampled(elements: [], sourceIndices: [], originalCount: count) }
        guard maxPoints > 1 else { return Downsampled(elements: [points[0]], sourceIndices: [0], originalCount: count) }
        var kept = [0]
        let interior = count - 2
        let buckets = (maxPoints - 2) / 2
        for bucket in 0..<buckets {
            let lower = 1 + bucket * interior / buckets
            let upper = 1 + (bucket + 1) * interior / buckets
            let run = (lower..<upper).filter { points[$0].y.isFinite }
            guard let low = run.min(by: { points[$0].y < points[$1].y }),
                let high = run.max(by: { points[$0].y < points[$1].y })
            else { continue }
            kept += low == high ? [low] : [min(low, high), max(low, high)]
        }
        kept.append(count - 1)
        return Downsampled(elements: kept.map { points[$0] }, sourceIndices: kept, originalCount: count)
    }

    /// At most `maxRows` rows of a timeline, in their order: every failed row (an even spread of
    /// them if they alone exceed `maxRows`), and an even spread of the others, first and last included.
    static func timelineRows(_ rows: [TimelineRow], maxRows: Int) -> Downsampled<TimelineRow> {
        guard rows.count > maxRows else {
            return Downsampled(elements: rows, sourceIndices: Array(rows.indices), originalCount: rows.count)
        }
        let failed = rows.indices.filter { rows[$0].isFailed }
        let others = rows.indices.filter { !rows[$0].isFailed }
        let kept =
            failed.count >= maxRows
            ? evenSpread(failed, count: maxRows)
            : (failed + evenSpread(others, count: maxRows - failed.count)).sorted()
        return Downsampled(elements: kept.map { rows[$0] }, sourceIndices: kept, originalCount: rows.count)
    }

    /// `count` elements of `elements` at evenly spaced positions, the first and the last included.
    static func evenSpread<T>(_ elements: [T], count: Int) -> [T] {
        guard count < elements.count else { return elements }
        guard count > 1 else { return count == 1 ? [elements[0]] : [] }
        let span = elements.count - 1
        let steps = count - 1
        return (0...steps).map { elements[($0 * span + steps / 2) / steps] }
    }

    /// The first rank in `lastRanks` (ascending) at or after `rank`.
    private static func lastRank(atOrAfter rank: Int, in lastRanks: [Int]) -> Int {
        var low = 0
        var high = lastRanks.count - 1
        while low < high {
            let middle = (low + high) / 2
            if lastRanks[middle] < rank { low = middle + 1 } else { high = middle }
        }
        return lastRanks[low]
    }
}
