/// A request of a case as phase 1 prepared it: its prompt and the output length to ask for.
struct PreparedRequest: Sendable {
    /// The prompt, with its length in the server's tokens.
    var prompt: PreparedPrompt
    /// `max_tokens`.
    var outputTokens: Int
}
