/// How phase 1 writes prompts and measures their lengths.
public struct PromptMethod: Sendable, Equatable {
    /// `generate` (the server writes them) or `corpus`.
    var origin: String
    /// What counts their tokens: `tokenize-vllm`, `usage`, `unverified`, ….
    var lengthsMeasuredBy: String
    /// Tokens the server adds to every prompt (e.g. BOS).
    var specialTokens: Int
}
