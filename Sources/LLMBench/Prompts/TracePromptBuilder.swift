import LLMBenchSupport

/// The prompts of a trace, each exact in the server's tokens at its request's length.
///
/// Requests whose leading `hash_ids` agree share those blocks' text exactly: the text of a block
/// is made once, after the text of the blocks before it, `block_tokens` long (so the prefix through
/// block i is (i+1)·`block_tokens` tokens as the server counts them), and every request through
/// it starts with it; the rest of each prompt, after its shared blocks, is its own. A request
/// shorter than its shared blocks takes the first of their tokens. Texts are cut from the corpus
/// (whatever `prompt_source`): a trace asks for up to thousands of distinct prompts, which
/// generating would take longer than the replay.
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
        let blocks = try await blockPrompts(tree, random: &random)
        let seeds = trace.entries.map { _ in random.next() }
        let preparer = preparer
        let tokenizer = preparer.tokenizer
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
            let prefix = tree.sharedPaths[index].last.flatMap { blocks[$0] }
            return try await preparer.prepareOne(tokens: entry.inputTokens, seed: seeds[index], prefix: prefix)
        }
        return zip(prompts, trace.entries).map { PreparedRequest(prompt: $0, outputTokens: $1.outputTokens) }
    }

    /// The text through each shared block, made depth by depth (a block after its parent's text).
    private func blockPrompts(_ tree: TraceBlockTree, random: inout SeededRandom) async throws(PromptError)
        -> [Int: PreparedPrompt]
    {
        let shared = tree.sharedNodes
        let seeds = Dictionary(uniqueKeysWithValues: shared.map { ($0, random.next()) })
        var made: [Int: PreparedPrompt] = [:]
        let depths = Dictionary(grouping: shared) { tree.nodes[$0].depth }
        let preparer = preparer
        let blockTokens = blockTokens
        for depth in depths.keys.sorted() {
            let level = depths[depth] ?? []
            let parents = made
            let prompts = try await Self.concurrently(level.count, parallelism: preparer.parallelism) {
                index async throws(PromptError) in
                let node = level[index]
                let prefix = tree.nodes[node].parent.flatMap { parents[$0] }
                return try await preparer.prepareOne(
                    tokens: (depth + 1) * blockTokens + preparer.tokenizer.specialTokens,
                    seed: seeds[node] ?? 0,
                    prefix: prefix
                )
            }
            for (node, prompt) in zip(level, prompts) { made[node] = prompt }
        }
        return made
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
