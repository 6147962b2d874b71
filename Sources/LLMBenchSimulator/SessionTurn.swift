/// Where a request stands in a multi-turn session: `session` 0-based, the session's index within its
/// run as its request id names it (llm-bench's record `session` too, except in waves of several
/// runs, where each run's index starts again at 0), `turn` 1-based.
public struct SessionTurn: Sendable, Equatable, Codable {
    /// The session, 0-based.
    public var session: Int
    /// The turn within the session, 1-based.
    public var turn: Int

    /// Names a session's turn.
    public init(session: Int, turn: Int) {
        self.session = session
        self.turn = turn
    }

    /// The session and turn an llm-bench request id names:
    /// `llmb-{run id}-c{case}-s{step}-r{run}-i{session}-t{turn}-a{attempt}`; nil for any other id,
    /// a single request's `…-i{index}-a{attempt}` included.
    public init?(requestID: String) {
        let parts = requestID.split(separator: "-")
        guard parts.count >= 4, parts[0] == "llmb" else { return nil }
        let count = parts.count
        guard Self.number(parts[count - 1], after: "a") != nil,
            let turn = Self.number(parts[count - 2], after: "t"),
            let session = Self.number(parts[count - 3], after: "i")
        else { return nil }
        self.init(session: session, turn: turn)
    }

    private static func number(_ part: Substring, after letter: Character) -> Int? {
        guard part.first == letter, part.count > 1 else { return nil }
        return Int(part.dropFirst()).flatMap { $0 >= 0 ? $0 : nil }
    }
}
