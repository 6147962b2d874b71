import LLMBenchSupport

/// The prompts of every case: taken from the cache when it has them, prepared otherwise.
struct PromptLibrary: Sendable {
    let preparer: PromptPreparer
    let cache: PromptCache?
    let regenerate: Bool

    /// What preparing one case's prompts did, for the console.
    struct Outcome: Sendable {
        var prompts: [PreparedPrompt]
        var fromCache: Int
    }

    /// `count` prompts of `tokens` tokens; new ones are drawn from `random` and saved.
    func prompts(tokens: Int, count: Int, random: inout SeededRandom) async throws(PromptError) -> Outcome {
        let cached = regenerate ? [] : try cache?.load(tokens: tokens) ?? []
        let reused = Array(cached.prefix(count))
        guard reused.count < count else { return Outcome(prompts: reused, fromCache: reused.count) }
        let seeds = (reused.count..<count).map { _ in random.next() }
        let fresh = try await preparer.prepare(tokens: tokens, seeds: seeds)
        let prompts = reused + fresh
        try cache?.save(regenerate ? prompts : cached + fresh, tokens: tokens)
        return Outcome(prompts: prompts, fromCache: reused.count)
    }
}
