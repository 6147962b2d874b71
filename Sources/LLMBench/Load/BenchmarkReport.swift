/// What a finished benchmark produced.
public struct BenchmarkReport: Sendable {
    /// One summary per case, in config order.
    public var cases: [CaseSummary]
    /// The files written.
    public var files: ResultFiles
    /// The seed used for every random choice.
    public var seed: UInt64
    /// The benchmark was stopped before its end; the figures cover what was measured.
    public var wasInterrupted = false
    /// What each sweep search found.
    var sweeps: [SweepOutcome] = []
    /// The server metrics URLs read and their interval, when any was read.
    var serverMetrics: (urls: [String], intervalMilliseconds: Int)?
    /// For the merge of a sharded run: its shards, their starts and own figures (the summary's `merge`).
    var merge: JSONValue?

    /// Requests whose last attempt failed, over all cases.
    public var failedRequests: Int { cases.reduce(0) { $0 + $1.failedRequests } }
    /// Cases or steps that measured no request at all.
    public var unmeasuredCases: Int { cases.count { $0.measuredRequests == 0 } }
    /// Requests that succeeded, over all cases.
    var successfulRequests: Int { cases.reduce(0) { $0 + $1.successfulRequests } }
}
