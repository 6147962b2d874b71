extension CaseSample {
    /// Throughput over equal time windows: each pooled case's span (its first start to its last
    /// end, the span of `wall_time_s`) cut into `count` windows, and per window the output
    /// tokens that arrived in it and the successful requests in it, per second.
    ///
    /// A successful request's tokens (the server's count, else the events counted) are spread
    /// evenly over its token events, which arrive at send + TTFT + the ITL gaps so far; so the
    /// mean of a case's windows is its output throughput. A successful request is spread over the
    /// windows its time (start to end) overlaps, in proportion to its time in each, so the windows
    /// sum to the case's successful requests (and also see requests that end after the window, as
    /// in waves). Empty when a case has no span.
    func windowThroughputs(count: Int) -> (tokens: [Double], requests: [Double]) {
        var tokens: [Double] = []
        var requests: [Double] = []
        for records in records {
            guard let start = records.map(\.startOffsetMilliseconds).min(),
                let end = records.map({ $0.endOffsetMilliseconds }).max(), end > start
            else { continue }
            let width = (end - start) / Double(count)
            let window = { (time: Double) in min(count - 1, max(0, Int((time - start) / width))) }
            var tokenCounts = [Double](repeating: 0, count: count)
            var requestCounts = [Double](repeating: 0, count: count)
            for record in records where record.isSuccess {
                Self.spread(
                    from: record.startOffsetMilliseconds,
                    to: record.endOffsetMilliseconds,
                    start: start,
                    width: width,
                    into: &requestCounts
                )
                let events = record.tokenEventMillisecondsAfterSend
                let perEvent = Double(record.outputTokens) / Double(max(1, events.count))
                for time in events { tokenCounts[window(record.sendOffsetMilliseconds + time)] += perEvent }
            }
            let seconds = width / 1000
            tokens += tokenCounts.map { $0 / seconds }
            requests += requestCounts.map { $0 / seconds }
        }
        return (tokens, requests)
    }

    /// Adds one request that ran from `begin` to `end` to `counts`, windows of `width` from
    /// `start`: to each window the share of its time spent in it; all to one window when it took
    /// no time.
    private static func spread(
        from begin: Double,
        to end: Double,
        start: Double,
        width: Double,
        into counts: inout [Double]
    ) {
        let last = counts.count - 1
        let first = min(last, max(0, Int((begin - start) / width)))
        let final = min(last, max(first, Int((end - start) / width)))
        guard end > begin, final > first else {
            counts[final] += 1
            return
        }
        var assigned = 0.0
        for index in first..<final {
            let windowEnd = start + Double(index + 1) * width
            let share = (min(end, windowEnd) - max(begin, start + Double(index) * width)) / (end - begin)
            counts[index] += share
            assigned += share
        }
        counts[final] += 1 - assigned
    }
}
