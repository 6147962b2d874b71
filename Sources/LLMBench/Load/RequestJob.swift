import NIOCore

/// One request of a run: which case, run and slot it belongs to and the body to send.
struct RequestJob: Sendable {
    /// The benchmark run's id (``ResultFiles/runID``).
    var runID: String
    /// 0-based case index.
    var caseIndex: Int
    /// 0-based load point of the case (a sweep's step; 0 otherwise).
    var step: Int
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
    /// The session and turn of a multi-turn request.
    var sessionPosition: SessionPosition? = nil
    /// Whether the answer's text is kept (a session's next turn sends it back).
    var collectsAnswer = false

    /// The `X-Request-Id` of an attempt, unique within the benchmark and, through the run id,
    /// among benchmarks: `llmb-{run id}-c{case}-s{step}-r{run}-i{index}-a{attempt}`, with the turn
    /// after the index for a session's turn (`…-i{index}-t{turn}-a{attempt}`).
    func requestID(attempt: Int) -> String {
        guard let sessionPosition else { return "llmb-\(runID)-c\(caseIndex)-s\(step)-r\(run)-i\(index)-a\(attempt)" }
        return "llmb-\(runID)-c\(caseIndex)-s\(step)-r\(run)-i\(index)-t\(sessionPosition.turn)-a\(attempt)"
    }
}
