/// A prompt ready for the benchmark, with its length as the server's tokenizer measured it.
public struct PreparedPrompt: Sendable, Equatable, Codable {
    /// The prompt text.
    public var text: String
    /// Its length in the server's tokens (as `usage.prompt_tokens` will report it).
    public var tokens: Int
    /// The length asked for.
    public var target: Int
    /// How the length was measured (`tokenize-vllm`, `tokenize-llamacpp`, `usage`, `unverified`).
    public var measuredBy: String
    /// How the text was made: `generate` (written by the server) or `corpus` (cut from the input file).
    public var origin: String
    /// The random corpus words the text was written about.
    public var topicWords: [String]

    enum CodingKeys: String, CodingKey {
        case text = "prompt"
        case tokens
        case target
        case measuredBy = "measured_by"
        case origin
        case topicWords = "topic_words"
    }
}
