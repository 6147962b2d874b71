import LLMBenchSupport

extension PromptPhase {
    /// The sessions of a `sessions:` case: its scripts (`count` of them for drawn turns) and the
    /// server's prompt-template overheads, measured once with the case's own messages.
    func sessionPlan(
        _ workload: SessionWorkload,
        builder: SessionScriptBuilder,
        count: Int,
        lengthControl: OutputLengthControl,
        random: inout SeededRandom
    ) async throws(BenchmarkError) -> SessionPlan {
        let outcome: SessionScriptBuilder.Outcome
        do {
            outcome = try await builder.scripts(for: workload, count: count, random: &random)
        } catch {
            throw .prompts(error)
        }
        let users = outcome.scripts.flatMap(\.turns).map(\.user)
        emit(
            .promptsPrepared(
                PromptsPrepared(
                    workload: "\(workload)",
                    count: users.count,
                    fromCache: outcome.fromCache,
                    shortest: users.map(\.tokens).min() ?? 0,
                    longest: users.map(\.tokens).max() ?? 0,
                    inexact: users.count { $0.tokens != $0.target }
                )
            )
        )
        var accounting = SessionTokenAccounting()
        if builder.tokenizer.source != .unverified {
            accounting = await SessionTokenAccounting.measure(
                client: target.control,
                scripts: outcome.scripts,
                replaysAnswers: workload.replaysAnswers,
                forcesLength: lengthControl.sendsLengthFields
            )
            if !accounting.isMeasured { emit(.warning(.sessionTemplateUnmeasured(workload: "\(workload)"))) }
        }
        return SessionPlan(
            scripts: outcome.scripts,
            accounting: accounting,
            replaysAnswers: workload.replaysAnswers,
            chainsResponses: workload.chainsResponses
        )
    }
}
