/// What a run did over time, in equal buckets from its first counted send: output tokens per
/// second, requests in flight, and failures by class.
struct ActivityOverTime: Sendable, Equatable {
    var buckets: TimeBuckets
    /// Output tokens that arrived in each bucket, per second of the bucket. Each token event of a
    /// successful request arrives at send + TTFT + the ITL gaps before it and carries the
    /// request's output tokens (the server's count, else the events counted) shared evenly
    /// among its events, so the buckets hold the summary's output tokens.
    var outputTokensPerSecond: [Double]
    /// The mean number of requests in flight (from send to last byte) over each bucket.
    var requestsInFlight: [Double]
    /// Failed requests by failure class, counted in the bucket of their end.
    var failuresByClass: [FailureCounts]

    /// One failure class's counts per bucket.
    struct FailureCounts: Sendable, Equatable {
        var kind: String
        var counts: [Int]
    }

    /// The activity of `run` in `buckets`.
    init(run: ReportRun, buckets: TimeBuckets) {
        self.buckets = buckets
        var tokens = [Double](repeating: 0, count: buckets.count)
        var busy = [Double](repeating: 0, count: buckets.count)
        var failures: [String: [Int]] = [:]
        for record in run.records {
            let send = run.seconds(sinceOrigin: record.sendClockNanoseconds)
            let end = send + record.lastAttemptMilliseconds / 1000
            buckets.addOverlap(from: send, to: end, into: &busy)
            if record.isSuccess {
                let events = record.tokenEventMillisecondsAfterSend
                let share = Double(record.outputTokens) / Double(max(1, events.count))
                for time in events { tokens[buckets.index(of: send + time / 1000)] += share }
            } else {
                failures[record.errorKind ?? "unknown", default: Array(repeating: 0, count: buckets.count)][
                    buckets.index(of: end)
                ] += 1
            }
        }
        outputTokensPerSecond = tokens.map { $0 / buckets.width }
        requestsInFlight = busy.map { $0 / buckets.width }
        failuresByClass = failures.keys.sorted().map { FailureCounts(kind: $0, counts: failures[$0] ?? []) }
    }

    /// The buckets for `runs` drawn on one axis: over the longest of their spans, fewer the
    /// more runs with requests share the charts (`TimeBuckets.maximumCount(runs:)`).
    static func buckets(for runs: [ReportRun]) -> TimeBuckets {
        let drawn = runs.count { !$0.records.isEmpty }
        return TimeBuckets(span: runs.map(span).max() ?? 0, maximumCount: TimeBuckets.maximumCount(runs: drawn))
    }

    /// Seconds from a run's first counted send to its last byte.
    static func span(of run: ReportRun) -> Double {
        run.records.map { run.seconds(sinceOrigin: $0.sendClockNanoseconds) + $0.lastAttemptMilliseconds / 1000 }.max()
            ?? 0
    }
}
