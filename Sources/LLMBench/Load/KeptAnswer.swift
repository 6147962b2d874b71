/// What a session keeps of a turn's answer for the next turn: its text and, from the Responses
/// API, its response id.
struct KeptAnswer: Sendable {
    var text: String
    var responseID: String?
}
