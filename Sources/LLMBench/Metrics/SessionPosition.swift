/// Where a request stands in a multi-turn session: which session of its case and which turn.
public struct SessionPosition: Sendable, Equatable, Hashable {
    /// 0-based session number within its case and load point.
    public var session: Int
    /// 1-based turn within the session.
    public var turn: Int

    /// Creates a position.
    public init(session: Int, turn: Int) {
        self.session = session
        self.turn = turn
    }
}
