/// One conversation of a dataset, replayed as a session: its user messages in order, each with the
/// answer the file gives and the answer length it asks.
struct Conversation: Sendable, Equatable {
    /// One turn: a user message and what the file says of its answer.
    struct Turn: Sendable, Equatable {
        /// The user's message.
        var user: String
        /// The file's answer to it, when the file has one.
        var assistant: String?
        /// The answer length the file asks (`output_tokens` in JSONL), when it states one.
        var outputTokens: Int?
    }

    /// The system prompt the conversation starts with, when it has one.
    var system: String?
    /// The turns, at least one.
    var turns: [Turn]
}
