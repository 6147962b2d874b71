/// One line of a run's requests file, as read back: the request's place in the run, its outcome
/// and its measured values, in milliseconds as the file holds them.
struct RecordSample: Sendable {
    var caseIndex: Int
    /// The load point's position within the case (0 unless swept).
    var step: Int
    var run: Int
    var index: Int
    /// The session and turn of a multi-turn request; nil for a single request.
    var sessionPosition: SessionPosition? = nil
    var requestID: String
    var isSuccess: Bool
    var isWarmup: Bool
    /// The failure class (`FailureKind`'s raw value) of a failed request.
    var errorKind: String?
    var httpStatus: Int?
    /// The asked lengths of the case.
    var requestedInputTokens: Int
    var requestedOutputTokens: Int
    /// The send time of the last attempt on the run's monotonic clock, in nanoseconds: one time
    /// axis for every request of the run.
    var sendClockNanoseconds: Int64
    /// Start and send of the last attempt from the case's (or step's) start.
    var startOffsetMilliseconds: Double
    var sendOffsetMilliseconds: Double
    /// When the last attempt ended (its last byte, or its failure), from the case's start; files
    /// written before records held it give the first attempt's start + `total_ms`, the same time.
    var endOffsetMilliseconds: Double
    /// When its arrival schedule meant it to start (rate mode).
    var scheduledOffsetMilliseconds: Double?
    /// From the first attempt's start to the end of the last, retries and backoff included.
    var totalMilliseconds: Double
    /// The values of the one-value latency metrics the record holds (`ttft`, `e2e`, `tpot`, …),
    /// each read from the field `<columnPrefix>_ms`.
    var latencies: [LatencyMetric: Double]
    /// The values of the per-event metrics (`itl`, `itl_token`), in stream order.
    var gaps: [LatencyMetric: [Double]]
    /// Token-carrying events counted by the client.
    var outputTokensCounted: Int
    /// `usage` as the server reported it.
    var outputTokensServer: Int?
    var inputTokensServer: Int?
    var finishReason: String?

    /// From the last attempt's send to its end (last byte or failure).
    var lastAttemptMilliseconds: Double { max(0, endOffsetMilliseconds - sendOffsetMilliseconds) }

    /// Its output tokens as the figures count them: the server's count, else the events counted.
    var outputTokens: Int { outputTokensServer ?? outputTokensCounted }

    /// When each of its token events arrived, in milliseconds from its send: TTFT, then each ITL
    /// gap added; empty without a first token.
    var tokenEventMillisecondsAfterSend: [Double] {
        guard let ttft = latencies[.ttft] else { return [] }
        var time = ttft
        var times = [time]
        for gap in gaps[.itl] ?? [] {
            time += gap
            times.append(time)
        }
        return times
    }

    /// The values `metric` has in this record: one, none, or (per-event metrics) one per gap.
    func values(of metric: LatencyMetric) -> [Double] {
        if let gaps = gaps[metric] { return gaps }
        return latencies[metric].map { [$0] } ?? []
    }
}
