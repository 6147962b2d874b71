/// Latency targets and how they are judged (`slo:`).
///
/// Goodput counts the requests that meet every target on their own (TTFT, TPOT, E2E, and every
/// ITL of the request), as vLLM and DistServe define it. A case or step meets the SLOs when the
/// `percentile` of each targeted metric is within its target.
public struct ServiceLevelObjectives: Sendable, Equatable, Encodable {
    /// Time to first token target, milliseconds.
    public var timeToFirstTokenMilliseconds: Double?
    /// Time per output token target, milliseconds.
    var timePerOutputTokenMilliseconds: Double?
    /// Target for every inter-token gap, milliseconds.
    var interTokenLatencyMilliseconds: Double?
    /// End-to-end latency target, milliseconds.
    var endToEndMilliseconds: Double?
    /// The percentile each target is judged at for a case or step (default 99).
    var percentile: Double = 99

    /// No targets.
    public init() {}

    /// Whether any target is set.
    var isEmpty: Bool {
        timeToFirstTokenMilliseconds == nil && timePerOutputTokenMilliseconds == nil
            && interTokenLatencyMilliseconds == nil && endToEndMilliseconds == nil
    }
}

extension ServiceLevelObjectives {
    /// The `slo:` keys, as the summary writes them (unset targets are left out).
    enum CodingKeys: String, CodingKey {
        case timeToFirstTokenMilliseconds = "ttft_ms"
        case timePerOutputTokenMilliseconds = "tpot_ms"
        case interTokenLatencyMilliseconds = "itl_ms"
        case endToEndMilliseconds = "e2e_ms"
        case percentile
    }
}
