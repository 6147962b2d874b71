/// llama.cpp's per-request `timings` object, from the simulator's truth (sent with the
/// `serverTimings` option).
///
/// `prompt_ms` is the prefill (admission to first token) and `predicted_ms` the decode (first
/// token to last), as ``RequestTruth``'s phases. As llama.cpp does, `predicted_n` counts every
/// generated token, the first too, and `predicted_per_token_ms = predicted_ms / (predicted_n - 1)`
/// (the steps after the first token; llama.cpp's `t_gen_per_token_ms` divides so) and
/// `predicted_per_second = predicted_n / predicted_ms * 1000`; `prompt_per_token_ms = prompt_ms /
/// prompt_n`. A ratio with a zero divisor is `null` (llama.cpp's JSON writes its non-finite
/// numbers so). As llama.cpp counts them, `prompt_n` leaves out the prompt tokens found in the
/// prefix cache and `cache_n` is those.
struct ServerTimings: Sendable, Equatable {
    /// Prompt tokens prefilled (the cached ones not included).
    var promptTokens: Int
    var cachedTokens: Int
    var promptNanoseconds: UInt64
    var predictedTokens: Int
    var predictedNanoseconds: UInt64

    /// The timings of a request whose last token was generated at `lastTokenNanoseconds`.
    init(_ truth: RequestTruth, lastTokenNanoseconds: UInt64) {
        let admitted = truth.admittedNanoseconds ?? truth.receivedNanoseconds
        let first = truth.firstTokenNanoseconds ?? lastTokenNanoseconds
        promptTokens = max(truth.promptTokens - truth.cachedTokens, 0)
        cachedTokens = truth.cachedTokens
        promptNanoseconds = elapsed(from: admitted, to: first)
        predictedTokens = truth.completionTokens
        predictedNanoseconds = elapsed(from: first, to: lastTokenNanoseconds)
    }

    /// `{"prompt_n":…,…,"cache_n":…}`.
    var json: String {
        let promptMilliseconds = Double(promptNanoseconds) / 1e6
        let predictedMilliseconds = Double(predictedNanoseconds) / 1e6
        return "{\"prompt_n\":\(promptTokens),\"prompt_ms\":\(promptMilliseconds),"
            + "\"prompt_per_token_ms\":\(Self.ratio(promptMilliseconds, Double(promptTokens))),"
            + "\"prompt_per_second\":\(Self.ratio(Double(promptTokens) * 1000, promptMilliseconds)),"
            + "\"predicted_n\":\(predictedTokens),\"predicted_ms\":\(predictedMilliseconds),"
            + "\"predicted_per_token_ms\":\(Self.ratio(predictedMilliseconds, Double(predictedTokens - 1))),"
            + "\"predicted_per_second\":\(Self.ratio(Double(predictedTokens) * 1000, predictedMilliseconds)),"
            + "\"cache_n\":\(cachedTokens)}"
    }

    private static func ratio(_ numerator: Double, _ denominator: Double) -> String {
        guard denominator > 0 else { return "null" }
        return "\(numerator / denominator)"
    }
}
