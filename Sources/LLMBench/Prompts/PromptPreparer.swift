import Foundation
import LLMBenchSupport
import NIOHTTP1

/// Phase 1: makes prompts of exactly the asked length in the server's own tokens.
///
/// The original request's method: pick 5–10 random words of the corpus, ask the server to write a text about
/// them with `max_tokens = input_tokens`, then measure the text with the server's tokenizer and
/// cut or extend it until its length is exact. Where a length cannot be hit exactly (a token
/// boundary that no cut reaches), the closest is kept and its length recorded. On a server that
/// cannot count (``ServerTokenizer/Source/unverified``) the written text is kept as it is, its
/// length the tokens the server streamed, as the original tool did.
struct PromptPreparer: Sendable {
    let client: ControlClient
    let tokenizer: ServerTokenizer
    let corpus: Corpus
    let model: String
    let source: PromptSourceSetting
    let lengthControl: OutputLengthControl
    /// Prompts prepared at the same time.
    let parallelism = 8

    /// `count` prompts of `tokens` tokens, each from its own seed.
    func prepare(tokens: Int, seeds: [UInt64], prefix: PreparedPrompt? = nil) async throws(PromptError)
        -> [PreparedPrompt]
    {
        typealias Outcome = (index: Int, result: Result<PreparedPrompt, PromptError>)
        let outcomes: [Outcome] = await withTaskGroup(of: Outcome.self) { group in
            var finished: [Outcome] = []
            for index in seeds.indices {
                if index >= parallelism, let outcome = await group.next() {
                    finished.append(outcome)
                    if case .failure = outcome.result { break }
                }
                let seed = seeds[index]
                group.addTask {
                    let result = await Result { () async throws(PromptError) in
                        try await prepareOne(tokens: tokens, seed: seed, prefix: prefix)
                    }
                    return (index, result)
                }
            }
            for await outcome in group { finished.append(outcome) }
            return finished
        }
        var prompts = [PreparedPrompt?](repeating: nil, count: seeds.count)
        for outcome in outcomes {
            prompts[outcome.index] = try outcome.result.get()
        }
        return prompts.compactMap { $0 }
    }

    /// One prompt of `tokens` tokens; with a `prefix`, the prompt starts with it and only the text
    /// after it is cut or extended.
    func prepareOne(tokens: Int, seed: UInt64, prefix: PreparedPrompt? = nil) async throws(PromptError)
        -> PreparedPrompt
    {
        var random = SeededRandom(seed: seed)
        let topic = corpus.topicWords(count: Int.random(in: 5...10, using: &random), using: &random)
        if tokenizer.source == .unverified {
            return await unverifiedPrompt(tokens: tokens, topic: topic, prefix: prefix, random: &random)
        }
        var origin = PromptSourceSetting.corpus
        var text = ""
        if source == .generate, let written = try? await generate(about: topic, tokens: tokens),
            !written.text.isEmpty
        {
            text = written.text
            origin = .generate
        }
        if text.isEmpty {
            // After a prefix only the rest is needed (a word is at least one token).
            text = corpus.passage(words: max(1, tokens - (prefix?.tokens ?? 0)) + 16, using: &random)
        }
        if let prefix { text = prefix.text + " " + text }
        let fitted: (text: String, tokens: Int)
        if tokenizer.source == .usage {
            fitted = try await fitByUsage(text, tokens: tokens, random: &random)
        } else {
            fitted = try await fitByTokenizing(text, tokens: tokens, random: &random)
        }
        return PreparedPrompt(
            text: fitted.text,
            tokens: fitted.tokens,
            target: tokens,
            measuredBy: tokenizer.source.rawValue,
            origin: origin.rawValue,
            topicWords: topic
        )
    }

    /// The instruction of the original request's method, in Vietnamese like the corpus.
    static func instruction(about topic: [String]) -> String {
        "Hãy viết một bài văn dài bằng tiếng Việt về các chủ đề sau: \(topic.joined(separator: ", ")). Bài văn:"
    }

    /// A prompt on a server that cannot count: the server's text about `topic` as written (a
    /// stream, so that its tokens can be counted as they come), else `tokens` words of the corpus.
    private func unverifiedPrompt(tokens: Int, topic: [String], prefix: PreparedPrompt?, random: inout SeededRandom)
        async -> PreparedPrompt
    {
        let wanted = max(1, tokens - (prefix?.tokens ?? 0))
        var origin = PromptSourceSetting.corpus
        var body: (text: String, tokens: Int)
        if source == .generate, let written = try? await generate(about: topic, tokens: wanted, isStreaming: true),
            !written.text.isEmpty
        {
            body = written
            origin = .generate
        } else {
            let passage = corpus.passage(words: wanted, using: &random)
            body = (passage, ServerTokenizer.estimate(passage))
        }
        if let prefix { body = (prefix.text + " " + body.text, prefix.tokens + body.tokens) }
        return PreparedPrompt(
            text: body.text,
            tokens: body.tokens,
            target: tokens,
            measuredBy: ServerTokenizer.Source.unverified.rawValue,
            origin: origin.rawValue,
            topicWords: topic
        )
    }

    /// The server's text about `topic` and its length as the server counted it (the words, when
    /// it did not count).
    private func generate(about topic: [String], tokens: Int, isStreaming: Bool = false) async throws
        -> (text: String, tokens: Int)?
    {
        let answer = try await client.generate(
            api: tokenizer.api,
            model: model,
            text: Self.instruction(about: topic),
            maxTokens: tokens,
            isStreaming: isStreaming,
            extraFields: lengthControl.fields(tokens: tokens)
        )
        guard answer.status == 200, let generation = answer.generation else { return nil }
        let text = generation.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return (text, generation.countedTokens ?? ServerTokenizer.estimate(text))
    }

    /// Cuts at an exact token with tokenize/detokenize, extending from the corpus when short.
    private func fitByTokenizing(
        _ text: String,
        tokens target: Int,
        random: inout SeededRandom
    ) async throws(PromptError) -> (text: String, tokens: Int) {
        let goal = max(1, target - tokenizer.specialTokens)
        var text = text
        var ids = try await tokenizer.tokenize(text)
        var extensions = 0
        while ids.count < goal, extensions < 32 {
            text += " " + corpus.passage(words: max(8, goal - ids.count), using: &random)
            ids = try await tokenizer.tokenize(text)
            extensions += 1
        }
        var cut = min(goal, ids.count)
        var best: (text: String, tokens: Int)?
        var tried: Set<Int> = []
        while tried.insert(cut).inserted {
            let candidate = try await tokenizer.detokenize(Array(ids.prefix(cut)))
            let counted = try await tokenizer.tokenize(candidate).count
            if best == nil || abs(counted - goal) < abs(best!.tokens - goal) { best = (candidate, counted) }
            if counted == goal || tried.count >= 8 { break }
            cut = min(ids.count, max(1, cut + goal - counted))
        }
        guard let best else { throw .server("the server's tokenizer returned no tokens for a prompt") }
        return (best.text, best.tokens + tokenizer.specialTokens)
    }

    /// Bisects on whole words with `usage.prompt_tokens`, then tries short last words to hit the
    /// exact length.
    private func fitByUsage(
        _ text: String,
        tokens target: Int,
        random: inout SeededRandom
    ) async throws(PromptError) -> (text: String, tokens: Int) {
        var words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        var total = try await tokenizer.usageCount(words.joined(separator: " "))
        var extensions = 0
        while total < target, extensions < 32 {
            words += corpus.passage(words: max(8, target - total), using: &random).split(separator: " ").map(
                String.init
            )
            total = try await tokenizer.usageCount(words.joined(separator: " "))
            extensions += 1
        }
        if total == target { return (words.joined(separator: " "), total) }
        var low = 1
        var high = words.count
        var lowCount = try await tokenizer.usageCount(words[0])
        if lowCount >= target { return (words[0], lowCount) }
        while high - low > 1 {
            let middle = (low + high) / 2
            let counted = try await tokenizer.usageCount(words.prefix(middle).joined(separator: " "))
            if counted <= target {
                low = middle
                lowCount = counted
            } else {
                high = middle
            }
        }
        let stem = words.prefix(low).joined(separator: " ")
        var best = (text: stem, tokens: lowCount)
        if lowCount == target { return best }
        for word in corpus.shortWords(count: 6, using: &random) {
            let candidate = stem + " " + word
            let counted = try await tokenizer.usageCount(candidate)
            if abs(counted - target) < abs(best.tokens - target) { best = (candidate, counted) }
            if counted == target { break }
        }
        return best
    }
}
