/// A prompt ready for the benchmark, with its length as the server's tokenizer measured it.
struct PreparedPrompt: Sendable, Equatable, Codable {
    /// The prompt text.
    var text: String
    /// Its length in the server's tokens (as `usage.prompt_tokens` will report it).
    var tokens: Int
    /// The length asked for.
    var target: Int
    /// How the length was measured (`tokenize-vllm`, `tokenize-llamacpp`, `usage`, `unverified`).
    var measuredBy: String
    /// How the text was made: `generate` (written by the server) or `corpus` (cut from the input file).
    var origin: String
    /// The random corpus words the text was written about.
    var topicWords: [String]

    enum CodingKeys: String, CodingKey {
        case text = "prompt"
        case tokens
        case target
        case measuredBy = "measured_by"
        case origin
        case topicWords = "topic_words"
    }
}
