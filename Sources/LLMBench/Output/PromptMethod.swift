/// How phase 1 writes prompts and measures their lengths.
public struct PromptMethod: Sendable, Equatable {
    /// `generate` (the server writes them) or `corpus`.
    public var origin: String
    /// What counts their tokens: `tokenize-vllm`, `usage`, `unverified`, ….
    public var lengthsMeasuredBy: String
    /// Tokens the server adds to every prompt (e.g. BOS).
    public var specialTokens: Int
}
