/// What a case's successful requests said of the server's own work per request: the time outside
/// the server's prompt processing and decode steps, and the share of prompt tokens it had cached.
struct ServerTimingFigures: Sendable {
    /// Mean of (TTFT − `timings.prompt_ms`) over the requests with both, milliseconds: the
    /// network and HTTP, waiting for a slot, tokenising and delivering the first token.
    let timeToFirstTokenOutsidePromptMilliseconds: Double?
    /// Mean of (TPOT − the server's TPOT) over the requests with both, milliseconds: per token,
    /// what the stream's delivery adds to the server's decode steps (negative when the first
    /// token took longer to reach the client than the last).
    let timePerOutputTokenOutsideDecodeMilliseconds: Double?
    /// Cached prompt tokens / prompt tokens, over the requests reporting both
    /// (`usage.prompt_tokens_details.cached_tokens` and `usage.prompt_tokens`).
    let cachedPromptTokenRate: Double?

    /// The figures of `successes`; each is nil when no request gives it.
    init(successes: [RequestRecord]) {
        timeToFirstTokenOutsidePromptMilliseconds = Self.meanDifference(
            successes.compactMap { record in
                guard let ttft = record.timeToFirstTokenNanoseconds, let server = record.serverPromptNanoseconds
                else { return nil }
                return (Double(ttft) - server) / 1e6
            }
        )
        timePerOutputTokenOutsideDecodeMilliseconds = Self.meanDifference(
            successes.compactMap { record in
                guard let tpot = record.timePerOutputTokenNanoseconds,
                    let server = record.serverTimePerOutputTokenNanoseconds
                else { return nil }
                return (tpot - server) / 1e6
            }
        )
        let reporting = successes.filter { $0.cachedPromptTokens != nil && ($0.inputTokensReported ?? 0) > 0 }
        let prompt = reporting.reduce(0) { $0 + ($1.inputTokensReported ?? 0) }
        let cached = reporting.reduce(0) { $0 + ($1.cachedPromptTokens ?? 0) }
        cachedPromptTokenRate = prompt > 0 ? Double(cached) / Double(prompt) : nil
    }

    private static func meanDifference(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// Its columns of the results row.
    var cells: [(name: String, value: ResultValue)] {
        [
            ("ttft_minus_timings_prompt_mean_ms", .number(timeToFirstTokenOutsidePromptMilliseconds)),
            ("tpot_minus_timings_tpot_mean_ms", .number(timePerOutputTokenOutsideDecodeMilliseconds)),
            ("cached_prompt_token_rate", .number(cachedPromptTokenRate)),
        ]
    }

    /// The definitions of its columns.
    static let definitions: [(name: String, definition: String)] = [
        (
            "ttft_minus_timings_prompt",
            "mean over successful requests with timings of (TTFT - timings.prompt_ms): what the client waits outside the server's prompt processing (network and HTTP, queueing for a slot, tokenising, sending the first token)"
        ),
        (
            "tpot_minus_timings_tpot",
            "mean over successful requests with timings of (TPOT - timings_tpot): what the stream's delivery adds per token to the server's decode steps; negative when the first token took longer to reach the client than the last"
        ),
        (
            "cached_prompt_token_rate",
            "sum of usage.prompt_tokens_details.cached_tokens / sum of usage.prompt_tokens over successful requests reporting both: the server's prefix-cache hits"
        ),
    ]
}
