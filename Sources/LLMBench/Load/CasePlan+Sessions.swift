extension CasePlan {
    /// The plan of a `sessions:` case: its scripts; its prompts are the user messages of every turn.
    init(caseIndex: Int, configuredCase: BenchmarkCase, sessions: SessionPlan, lengthControl: OutputLengthControl) {
        self.caseIndex = caseIndex
        self.lengthControl = lengthControl
        let turns = sessions.scripts.flatMap(\.turns)
        prompts = turns.map(\.user)
        benchmarkCase = Self.nominal(
            configuredCase,
            lengths: turns.map { LengthPair(inputTokens: $0.user.tokens, outputTokens: $0.outputTokens) }
        )
        templates = []
        sessionPlan = sessions
    }
}
