/// What the client expects the server to count as a turn's prompt (`requestedInputTokens`).
///
/// A turn's prompt is the history and a new user message, so its length is known from the turn
/// before: turn 1 is the system prompt and user message, each as measured alone, and turn k+1 is
/// turn k's prompt as the server reported it (the expectation when it reported none), plus the
/// answer (the server's `completion_tokens`, or a replayed answer's measured length), plus the new
/// user message as measured alone. A chat template wraps each message and counts its own tokens
/// (BOS, the generation prompt, a default system prompt) once per prompt, so the parts differ
/// from the whole by a constant per turn: the overheads, measured once in phase 1.
struct SessionTokenAccounting: Sendable, Equatable {
    /// Tokens a first turn counts beyond its system prompt and user message as each was measured.
    var firstTurnOverhead = 0
    /// Tokens turn k+1 counts beyond turn k's prompt, its answer and the new user message.
    var turnOverhead = 0
    /// Whether the overheads were measured; false when the server reports no usage (then the
    /// expectations are the sums of the parts).
    var isMeasured = false

    /// The prompt tokens expected for the first turn of `script`.
    func firstTurnTokens(of script: SessionScript) -> Int {
        let user = script.turns.first?.user.tokens ?? 0
        guard let system = script.system else { return user }
        return system.tokens + user + firstTurnOverhead
    }

    /// The prompt tokens expected for a turn after one whose prompt counted `previousPrompt`
    /// tokens and whose answer `answer` tokens, with a new user message of `user` tokens.
    func nextTurnTokens(previousPrompt: Int, answer: Int, user: Int) -> Int {
        previousPrompt + answer + user + turnOverhead
    }
}
