/// One message of a conversation sent to the server: the user's turns and the answers before them.
struct ConversationMessage: Sendable, Equatable {
    /// Who wrote the message.
    enum Role: String, Sendable {
        case system
        case user
        case assistant
    }

    var role: Role
    var text: String

    /// A user message.
    static func user(_ text: String) -> ConversationMessage { ConversationMessage(role: .user, text: text) }

    /// An answer of the server (or, replayed, of a dataset).
    static func assistant(_ text: String) -> ConversationMessage {
        ConversationMessage(role: .assistant, text: text)
    }
}
