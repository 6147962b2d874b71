/// A server's own account of one request, as llama.cpp's `timings` object gives it with the
/// final chunk: prompt processing and generation, each as tokens and milliseconds.
struct ServerTimings: Equatable, Sendable {
    /// `prompt_n`: prompt tokens the server processed (the cached ones not included).
    var promptTokens: Int?
    /// `prompt_ms`: the server's prompt processing time.
    var promptMilliseconds: Double?
    /// `predicted_n`: tokens generated.
    var predictedTokens: Int?
    /// `predicted_ms`: from the first generated token to the last.
    var predictedMilliseconds: Double?

    /// Whether the chunk carried none of the fields.
    var isEmpty: Bool { self == ServerTimings() }

    /// The fields `other` has, over these.
    mutating func update(with other: ServerTimings) {
        if let value = other.promptTokens { promptTokens = value }
        if let value = other.promptMilliseconds { promptMilliseconds = value }
        if let value = other.predictedTokens { predictedTokens = value }
        if let value = other.predictedMilliseconds { predictedMilliseconds = value }
    }

    /// `predicted_ms / (predicted_n - 1)` in nanoseconds: the server's time per output token, by
    /// the definition of the client's TPOT (llama.cpp's own `predicted_per_token_ms` divides the
    /// same way); nil with fewer than 2 tokens.
    var timePerOutputTokenNanoseconds: Double? {
        guard let predictedMilliseconds, let predictedTokens, predictedTokens >= 2 else { return nil }
        return predictedMilliseconds * 1e6 / Double(predictedTokens - 1)
    }
}
