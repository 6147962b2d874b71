/// The sessions of a `sessions:` case as phase 1 leaves them for phase 2.
struct SessionPlan: Sendable {
    /// The scripts; session n follows script n mod their count.
    var scripts: [SessionScript]
    /// How each turn's prompt length in the server's tokens is expected.
    var accounting: SessionTokenAccounting
    /// Whether the history holds the dataset's answers instead of the server's.
    var replaysAnswers: Bool
    /// Whether turns after the first send only their user message and `previous_response_id`.
    var chainsResponses = false
}

extension SessionPlan {
    /// The plan as `shard` runs it: the whole's scripts in the shard's turn, so that the shards
    /// together run each conversation as often as one process would.
    func taken(by shard: ShardSelection?) -> SessionPlan {
        guard let shard else { return self }
        var taken = self
        taken.scripts = shard.inTurn(scripts)
        return taken
    }
}
