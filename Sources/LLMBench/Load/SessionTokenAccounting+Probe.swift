extension SessionTokenAccounting {
    /// The overheads of the server's prompt template, measured with up to three short generations
    /// of the case's own messages: a first turn with a system prompt (`max_tokens: 1`, 16 on the
    /// Responses API), and a two-turn conversation, its first turn answered by the server (a few
    /// tokens) and that answer (or the first replayed one) sent back with the second user message.
    /// Unmeasured (overheads 0) when the server reports no `usage.prompt_tokens` or a probe fails.
    static func measure(
        client: ControlClient,
        scripts: [SessionScript],
        replaysAnswers: Bool,
        forcesLength: Bool
    ) async -> SessionTokenAccounting {
        var accounting = SessionTokenAccounting()
        if let script = scripts.first(where: { $0.system != nil }), let system = script.system,
            let user = script.turns.first?.user
        {
            guard
                let counted = try? await promptTokens(
                    of: [ConversationMessage(role: .system, text: system.text), .user(user.text)],
                    client: client
                )
            else { return accounting }
            accounting.firstTurnOverhead = counted - system.tokens - user.tokens
        }
        if let script = scripts.first(where: { $0.turns.count >= 2 }) {
            let first = SessionHistory(system: script.system?.text).messages + [.user(script.turns[0].user.text)]
            guard
                let answer = try? await client.converse(
                    first,
                    maxTokens: max(4, client.factory.api.fewestProbeTokens),
                    forcesLength: forcesLength
                ),
                answer.status == 200, let generation = answer.generation, let firstPrompt = generation.promptTokens
            else { return accounting }
            var reply = (text: generation.text, tokens: generation.countedTokens ?? 0)
            if replaysAnswers, let replayed = script.turns[0].replayedAnswer {
                reply = (replayed.text, replayed.tokens)
            }
            let second = script.turns[1].user
            guard
                let counted = try? await promptTokens(
                    of: first + [.assistant(reply.text), .user(second.text)],
                    client: client
                )
            else { return accounting }
            accounting.turnOverhead = counted - firstPrompt - reply.tokens - second.tokens
        }
        accounting.isMeasured = true
        return accounting
    }

    /// `usage.prompt_tokens` of a generation of `messages` as short as the API allows; nil when not reported.
    private static func promptTokens(of messages: [ConversationMessage], client: ControlClient) async throws
        -> Int?
    {
        let answer = try await client.converse(
            messages,
            maxTokens: client.factory.api.fewestProbeTokens,
            forcesLength: false
        )
        guard answer.status == 200 else { return nil }
        return answer.generation?.promptTokens
    }
}
