import NIOCore

/// The conversation of one session so far: what each next turn sends before its new user message.
///
/// The body of a turn is the whole history and the new message (chat: the messages; completions:
/// their texts joined, through ``RequestFactory/streamingBody(messages:maxTokens:forcesLength:)``).
struct SessionHistory: Sendable {
    /// The system message, when any, then each earlier user message and the answer after it.
    private(set) var messages: [ConversationMessage] = []

    /// A history holding only the system message, when there is one.
    init(system: String?) {
        if let system { messages = [ConversationMessage(role: .system, text: system)] }
    }

    /// The body of the turn that sends `user` after the history, asking for `maxTokens` tokens; with
    /// `previousResponseID` (Responses API, the server holding the conversation) only `user` and that id.
    func body(
        sending user: String,
        factory: RequestFactory,
        maxTokens: Int,
        forcesLength: Bool,
        previousResponseID: String? = nil
    ) -> ByteBuffer {
        guard let previousResponseID else {
            return factory.streamingBody(
                messages: messages + [.user(user)],
                maxTokens: maxTokens,
                forcesLength: forcesLength
            )
        }
        return factory.streamingBody(
            messages: [.user(user)],
            maxTokens: maxTokens,
            forcesLength: forcesLength,
            previousResponseID: previousResponseID
        )
    }

    /// Adds a finished turn: its user message and the answer the next turns carry.
    mutating func append(user: String, answer: String) {
        messages.append(.user(user))
        messages.append(.assistant(answer))
    }
}
