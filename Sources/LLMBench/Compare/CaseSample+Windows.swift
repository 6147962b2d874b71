extension CaseSample {
    /// Throughput over equal time windows: each pooled case's span (its first start to its last
    /// end, the span of `wall_time_s`) cut into `count` windows, and per window the output
    /// tokens that arrived in it and the successful requests that ended in it, per second.
    ///
    /// A successful request's tokens (the server's count, else the events counted) are spread
    /// evenly over its token events, which arrive at send + TTFT + the ITL gaps so far; so the
    /// mean of a case's windows is its output throughput. Empty when a case has no span.
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
                requestCounts[window(record.endOffsetMilliseconds)] += 1
                guard let ttft = record.latencies[.ttft] else { continue }
                let gaps = record.gaps[.itl] ?? []
                let perEvent = Double(record.outputTokens) / Double(gaps.count + 1)
                var time = record.sendOffsetMilliseconds + ttft
                tokenCounts[window(time)] += perEvent
                for gap in gaps {
                    time += gap
                    tokenCounts[window(time)] += perEvent
                }
            }
            let seconds = width / 1000
            tokens += tokenCounts.map { $0 / seconds }
            requests += requestCounts.map { $0 / seconds }
        }
        return (tokens, requests)
    }
}
