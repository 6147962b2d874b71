/// One line of a run's requests file, as read back: the request's place in the run, its outcome
/// and its measured values, in milliseconds as the file holds them.
public struct RecordSample: Sendable {
    public var caseIndex: Int
    /// The load point's position within the case (0 unless swept).
    public var step: Int
    public var run: Int
    public var index: Int
    public var requestID: String
    public var isSuccess: Bool
    public var isWarmup: Bool
    /// The failure class (`FailureKind`'s raw value) of a failed request.
    public var errorKind: String?
    public var httpStatus: Int?
    /// The asked lengths of the case.
    public var requestedInputTokens: Int
    public var requestedOutputTokens: Int
    /// The send time of the last attempt on the run's monotonic clock, in nanoseconds: one time
    /// axis for every request of the run.
    public var sendClockNanoseconds: Int64
    /// Start and send of the last attempt from the case's (or step's) start.
    public var startOffsetMilliseconds: Double
    public var sendOffsetMilliseconds: Double
    /// When the last attempt ended (its last byte, or its failure), from the case's start; files
    /// written before records held it give the first attempt's start + `total_ms`, the same time.
    public var endOffsetMilliseconds: Double
    /// When its arrival schedule meant it to start (rate mode).
    public var scheduledOffsetMilliseconds: Double?
    /// From the first attempt's start to the end of the last, retries and backoff included.
    public var totalMilliseconds: Double
    /// The values of the one-value latency metrics the record holds (`ttft`, `e2e`, `tpot`, …),
    /// each read from the field `<columnPrefix>_ms`.
    public var latencies: [LatencyMetric: Double]
    /// The values of the per-event metrics (`itl`, `itl_token`), in stream order.
    public var gaps: [LatencyMetric: [Double]]
    /// Token-carrying events counted by the client.
    public var outputTokensCounted: Int
    /// `usage` as the server reported it.
    public var outputTokensServer: Int?
    public var inputTokensServer: Int?
    public var finishReason: String?

    /// From the last attempt's send to its end (last byte or failure).
    public var lastAttemptMilliseconds: Double { max(0, endOffsetMilliseconds - sendOffsetMilliseconds) }

    /// The values `metric` has in this record: one, none, or (per-event metrics) one per gap.
    public func values(of metric: LatencyMetric) -> [Double] {
        if let gaps = gaps[metric] { return gaps }
        return latencies[metric].map { [$0] } ?? []
    }
}
