/// One session as phase 1 prepares it: an optional system prompt and, per turn, the user message
/// (its length exact in the server's tokens), the answer length to ask, the think time before it
/// and, when answers are replayed, the file's answer.
struct SessionScript: Sendable {
    /// A turn of the script.
    struct Turn: Sendable {
        /// The user message, with its length in the server's tokens as a prompt alone.
        var user: PreparedPrompt
        /// `max_tokens` of the turn.
        var outputTokens: Int
        /// The pause after the previous turn's answer before this turn is sent (0 for the first).
        var thinkNanoseconds: UInt64
        /// The answer the history holds after this turn instead of the server's (`replay_answers`).
        var replayedAnswer: ReplayedAnswer?
    }

    /// A dataset's answer put in the history in place of the server's.
    struct ReplayedAnswer: Sendable {
        var text: String
        /// Its length in the server's tokens, as an answer (special tokens of a prompt left out).
        var tokens: Int
    }

    /// The system message every turn starts with, when the case has one.
    var system: PreparedPrompt?
    /// The turns, at least one.
    var turns: [Turn]
}
