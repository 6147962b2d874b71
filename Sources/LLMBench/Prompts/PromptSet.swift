import LLMBenchSupport

/// The prompts of one case, one per concurrent request slot.
public struct PromptSet: Sendable {
    /// The prompt texts; request `i` of a run uses `prompts[i % count]`.
    public var prompts: [String]

    /// Prompts cut from the corpus: each `inputTokens` words of running text from a random place.
    ///
    /// A word is one token on the simulator's tokenizer and about one on real ones; the server's
    /// own count of each request's prompt is reported next to the length asked for.
    static func fromCorpus(_ corpus: Corpus, inputTokens: Int, count: Int, random: inout SeededRandom) -> PromptSet {
        PromptSet(prompts: (0..<count).map { _ in corpus.passage(words: inputTokens, using: &random) })
    }
}
