import NIOCore

/// One request of a run: which case, run and slot it belongs to and the body to send.
struct RequestJob: Sendable {
    /// 0-based case index.
    var caseIndex: Int
    /// 1-based run number.
    var run: Int
    /// 0-based index within the run.
    var index: Int
    /// The prompt length asked for.
    var inputTokens: Int
    /// The output length asked for.
    var outputTokens: Int
    /// The JSON body of the streamed completion request.
    var body: ByteBuffer
    /// When the load model meant it to start (monotonic nanoseconds), in rate mode.
    var scheduledNanoseconds: UInt64? = nil
    /// Sent but not counted.
    var isWarmup = false
    /// The request asks for exactly `outputTokens` (`ignore_eos`, `min_tokens`): fewer is a failure.
    var isOutputLengthForced: Bool

    /// The `X-Request-Id` of an attempt, unique within the benchmark.
    func requestID(attempt: Int) -> String { "llmb-c\(caseIndex)-r\(run)-i\(index)-a\(attempt)" }
}
