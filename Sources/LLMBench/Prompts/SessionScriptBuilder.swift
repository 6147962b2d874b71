import LLMBenchSupport

/// Turns a `sessions:` workload into session scripts: drawn turns with user messages made exact in
/// the server's tokens, or a file's conversations measured by the server's tokenizer; think times
/// drawn from the seed either way.
struct SessionScriptBuilder {
    let library: PromptLibrary
    let configPath: String

    var tokenizer: ServerTokenizer { library.preparer.tokenizer }

    /// What building a case's scripts did, for the console.
    struct Outcome: Sendable {
        var scripts: [SessionScript]
        var fromCache: Int
    }

    /// The scripts of `workload`: `count` of them for drawn turns; every conversation of a file up
    /// to `max_sessions`.
    func scripts(for workload: SessionWorkload, count: Int, random: inout SeededRandom) async throws(PromptError)
        -> Outcome
    {
        switch workload.source {
        case .synthetic(let turns, let user, let output, let system):
            return try await drawnScripts(
                count: count,
                turns: turns,
                user: user,
                output: output,
                system: system,
                thinkTime: workload.thinkTime,
                random: &random
            )
        case .conversations(let path, let format, let replay, let limit, let output):
            let conversations = try ConversationDataset.load(
                path: path,
                format: format,
                configPath: configPath,
                limit: limit,
                needsAnswers: replay
            )
            var scripts: [SessionScript] = []
            for conversation in conversations {
                scripts.append(
                    try await script(
                        of: conversation,
                        replaysAnswers: replay,
                        fallbackOutput: output ?? 128,
                        thinkTime: workload.thinkTime,
                        random: &random
                    )
                )
            }
            return Outcome(scripts: scripts, fromCache: 0)
        }
    }

    /// `count` scripts of drawn lengths; the system prompt, when asked, is one prompt shared by all.
    private func drawnScripts(
        count: Int,
        turns: LengthDistribution,
        user: LengthDistribution,
        output: LengthDistribution,
        system: Int?,
        thinkTime: ThinkTime,
        random: inout SeededRandom
    ) async throws(PromptError) -> Outcome {
        let shapes = (0..<count).map { _ in
            (0..<turns.sample(using: &random)).map { turn in
                (
                    user: user.sample(using: &random),
                    output: output.sample(using: &random),
                    think: turn == 0 ? 0 : thinkTime.sample(using: &random)
                )
            }
        }
        // The system prompt is drawn with the user messages, so that none of them is the same text.
        let lengths = (system.map { [$0] } ?? []) + shapes.flatMap { $0.map(\.user) }
        let prepared = try await library.prompts(forLengths: lengths, random: &random)
        let prompts = prepared.prompts
        var next = system == nil ? 0 : 1
        let systemPrompt = system == nil ? nil : prompts.first
        var scripts: [SessionScript] = []
        for shape in shapes {
            var turns: [SessionScript.Turn] = []
            for turn in shape where next < prompts.count {
                let user = prompts[next]
                next += 1
                turns.append(
                    SessionScript.Turn(
                        user: user,
                        outputTokens: turn.output,
                        thinkNanoseconds: Self.nanoseconds(turn.think),
                        replayedAnswer: nil
                    )
                )
            }
            scripts.append(SessionScript(system: systemPrompt, turns: turns))
        }
        return Outcome(scripts: scripts, fromCache: prepared.fromCache)
    }

    /// The script of a file's conversation: each text measured with the server's tokenizer; a
    /// turn's answer length is the file's `output_tokens`, else its answer's length (as vLLM's
    /// benchmark takes ShareGPT's), else `fallbackOutput`.
    private func script(
        of conversation: Conversation,
        replaysAnswers: Bool,
        fallbackOutput: Int,
        thinkTime: ThinkTime,
        random: inout SeededRandom
    ) async throws(PromptError) -> SessionScript {
        var system: PreparedPrompt?
        if let text = conversation.system { system = try await measured(text) }
        var turns: [SessionScript.Turn] = []
        for (index, turn) in conversation.turns.enumerated() {
            var answer: SessionScript.ReplayedAnswer?
            if let text = turn.assistant, !text.isEmpty {
                let tokens = max(0, try await tokenizer.count(text) - tokenizer.specialTokens)
                answer = SessionScript.ReplayedAnswer(text: text, tokens: tokens)
            }
            let think = index == 0 ? 0 : thinkTime.sample(using: &random)
            turns.append(
                SessionScript.Turn(
                    user: try await measured(turn.user),
                    outputTokens: turn.outputTokens ?? answer.map { max(1, $0.tokens) } ?? fallbackOutput,
                    thinkNanoseconds: Self.nanoseconds(think),
                    replayedAnswer: replaysAnswers ? answer : nil
                )
            )
        }
        return SessionScript(system: system, turns: turns)
    }

    /// A file's text as a prompt, its length as the server will count it alone.
    private func measured(_ text: String) async throws(PromptError) -> PreparedPrompt {
        let tokens = try await tokenizer.count(text)
        return PreparedPrompt(
            text: text,
            tokens: tokens,
            target: tokens,
            measuredBy: tokenizer.source.rawValue,
            origin: "dataset",
            topicWords: []
        )
    }

    private static func nanoseconds(_ seconds: Double) -> UInt64 {
        UInt64(min(max(0, seconds), 1e9) * 1e9)
    }
}
