/// What a case's results say of its prepared prompts: the range of their lengths as the server's
/// tokenizer measured them, how they were made and how they were measured.
struct PreparedPromptFacts: Sendable, Equatable {
    /// The shortest and longest prompt, tokens; nil without prompts.
    var tokenRange: ClosedRange<Int>?
    /// How the prompts were made (`generate`, `dataset`, …).
    var origins: Set<String>
    /// How their lengths were measured (`tokenize-vllm`, `usage`, …).
    var measures: Set<String>

    /// The facts of `prompts`.
    init(_ prompts: [PreparedPrompt]) {
        let tokens = prompts.map(\.tokens)
        tokenRange = tokens.min().flatMap { low in tokens.max().map { low...$0 } }
        origins = Set(prompts.map(\.origin))
        measures = Set(prompts.map(\.measuredBy))
    }

    /// The facts of every prompt of `parts` together (the shards of one case).
    init(merging parts: [PreparedPromptFacts]) {
        let ranges = parts.compactMap(\.tokenRange)
        tokenRange = ranges.map(\.lowerBound).min().flatMap { low in ranges.map(\.upperBound).max().map { low...$0 } }
        origins = parts.reduce(into: []) { $0.formUnion($1.origins) }
        measures = parts.reduce(into: []) { $0.formUnion($1.measures) }
    }

    /// The facts a results row states (`prompt_tokens_prepared_min`/`_max`, `prompt_source`); nil
    /// when the row does not hold them as this version writes them.
    init?(minimum: Int?, maximum: Int?, source: String) {
        switch (minimum, maximum) {
        case (let low?, let high?) where low <= high: tokenRange = low...high
        case (nil, nil): tokenRange = nil
        default: return nil
        }
        guard !source.isEmpty else {
            origins = []
            measures = []
            return
        }
        let parts = source.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        origins = Set(parts[0].split(separator: "+").map(String.init))
        measures = Set(parts[1].split(separator: "+").map(String.init))
    }

    /// The results' `prompt_source`: origins and measures, each joined by `+` should they differ
    /// (`generate/tokenize-vllm`); empty without prompts.
    var source: String {
        guard !origins.isEmpty || !measures.isEmpty else { return "" }
        return "\(origins.sorted().joined(separator: "+"))/\(measures.sorted().joined(separator: "+"))"
    }

    /// The results' `prompt_tokens_source`: `tokenize`, `usage` or `unverified` (joined by `+`
    /// should they differ).
    var tokensSource: String {
        Set(measures.map { ServerTokenizer.Source(rawValue: $0)?.lengthsSource ?? $0 }).sorted().joined(separator: "+")
    }
}
