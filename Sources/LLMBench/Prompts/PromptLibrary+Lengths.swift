import LLMBenchSupport

extension PromptLibrary {
    /// One prompt per entry of `lengths`, in their order, exact in the server's tokens; entries of
    /// one length get distinct prompts (drawn once per length, in increasing length).
    func prompts(forLengths lengths: [Int], random: inout SeededRandom) async throws(PromptError) -> Outcome {
        var byLength: [Int: [PreparedPrompt]] = [:]
        var fromCache = 0
        for length in Set(lengths).sorted() {
            let outcome = try await prompts(tokens: length, count: lengths.count { $0 == length }, random: &random)
            byLength[length] = outcome.prompts
            fromCache += outcome.fromCache
        }
        var used: [Int: Int] = [:]
        let prompts = lengths.map { length in
            let prompts = byLength[length] ?? []
            let index = used[length, default: 0]
            used[length] = index + 1
            return prompts[index % prompts.count]
        }
        return Outcome(prompts: prompts, fromCache: fromCache)
    }
}
