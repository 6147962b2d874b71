import LLMBenchSupport

/// The prompts of a trace, each exact in the server's tokens at its request's length.
///
/// Requests whose leading `hash_ids` agree share those blocks' text exactly: the text of a block
/// id is made once, `block_tokens` long (measured alone), and a request's prompt starts with the
/// texts of the leading blocks it shares with another request, joined by spaces; the rest, its
/// own text, is cut so the whole prompt is exact. A request shorter than its shared blocks takes
/// the first of their tokens. Blocks no other request shares at that place are the request's own
/// text (no cache could reuse them). Texts are cut from the corpus whatever `prompt_source`: a
/// trace asks for up to thousands of distinct prompts, which generating would take longer than
/// the replay.
struct TracePromptBuilder {
    let preparer: PromptPreparer
    let blockTokens: Int

    /// `preparer` set to cut texts from the corpus.
    init(preparer: PromptPreparer, blockTokens: Int) {
        self.preparer = PromptPreparer(
            client: preparer.client,
            tokenizer: preparer.tokenizer,
            corpus: preparer.corpus,
            model: preparer.model,
            source: .corpus,
            lengthControl: preparer.lengthControl
        )
        self.blockTokens = blockTokens
    }

    /// One prepared request per entry of `trace`, in its order.
    func requests(for trace: Trace, random: inout SeededRandom) async throws(PromptError) -> [PreparedRequest] {
        let tree = TraceBlockTree(trace.entries.map(\.hashIDs))
        let blocks = try await blockTexts(tree, random: &random)
        let seeds = trace.entries.map { _ in random.next() }
        let preparer = preparer
        let tokenizer = preparer.tokenizer
        let blockTokens = blockTokens
        let prompts = try await Self.concurrently(trace.entries.count, parallelism: preparer.parallelism) {
            index async throws(PromptError) in
            let entry = trace.entries[index]
            if let written = entry.prompt {
                let tokens = try await tokenizer.count(written)
                return PreparedPrompt(
                    text: written,
                    tokens: tokens,
                    target: entry.inputTokens > 0 ? entry.inputTokens : tokens,
                    measuredBy: tokenizer.source.rawValue,
                    origin: "trace",
                    topicWords: []
                )
            }
            let shared = tree.sharedPaths[index].compactMap { blocks[tree.nodes[$0].id] }
            let prefix =
                shared.isEmpty
                ? nil
                : PreparedPrompt(
                    text: shared.joined(separator: " "),
                    tokens: shared.count * blockTokens + tokenizer.specialTokens,
                    target: shared.count * blockTokens + tokenizer.specialTokens,
                    measuredBy: tokenizer.source.rawValue,
                    origin: "trace",
                    topicWords: []
                )
            return try await preparer.prepareOne(tokens: entry.inputTokens, seed: seeds[index], prefix: prefix)
        }
        return zip(prompts, trace.entries).map { PreparedRequest(prompt: $0, outputTokens: $1.outputTokens) }
    }

    /// The text of each block id a request shares with another, `block_tokens` long, made once.
    private func blockTexts(_ tree: TraceBlockTree, random: inout SeededRandom) async throws(PromptError)
        -> [Int: String]
    {
        var seen: Set<Int> = []
        let ids = tree.sharedNodes.map { tree.nodes[$0].id }.filter { seen.insert($0).inserted }
        let seeds = ids.map { _ in random.next() }
        let preparer = preparer
        let tokens = blockTokens + preparer.tokenizer.specialTokens
        let prompts = try await Self.concurrently(ids.count, parallelism: preparer.parallelism) {
            index async throws(PromptError) in
            try await preparer.prepareOne(tokens: tokens, seed: seeds[index])
        }
        return Dictionary(uniqueKeysWithValues: zip(ids, prompts.map(\.text)))
    }

    /// `body` of 0..<count, at most `parallelism` at a time, in index order; the first failure fails all.
    private static func concurrently<Value: Sendable>(
        _ count: Int,
        parallelism: Int,
        _ body: @escaping @Sendable (Int) async throws(PromptError) -> Value
    ) async throws(PromptError) -> [Value] {
        typealias Outcome = (index: Int, result: Result<Value, PromptError>)
        let outcomes: [Outcome] = await withTaskGroup(of: Outcome.self) { group in
            var finished: [Outcome] = []
            for index in 0..<count {
                if index >= parallelism, let outcome = await group.next() {
                    finished.append(outcome)
                    if case .failure = outcome.result { break }
                }
                group.addTask {
                    (index, await Result { () async throws(PromptError) in try await body(index) })
                }
            }
            for await outcome in group { finished.append(outcome) }
            return finished
        }
        var values = [Value?](repeating: nil, count: count)
        for outcome in outcomes { values[outcome.index] = try outcome.result.get() }
        guard values.allSatisfy({ $0 != nil }) else { throw .server("preparing a trace's prompts stopped early") }
        return values.compactMap { $0 }
    }
}
