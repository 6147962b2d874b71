import Yams

extension ConfigLoader {
    /// One entry of `cases`: fixed lengths (the original request's form), length distributions, a list of
    /// pairs, a dataset, or a trace; optionally with a shared prompt prefix. A dataset wins over pairs,
    /// and pairs over lengths. A `sessions:` case takes none of those keys.
    static func benchmarkCase(_ item: ConfigMapping) throws(ConfigError) -> BenchmarkCase {
        if item.value("trace") != nil { return try traceCase(item) }
        var sessions: SessionWorkload?
        if let mapping = try item.mapping("sessions") { sessions = try sessionWorkload(mapping) }
        let dataset = try item.string("dataset")
        let format: DatasetFormat = try choice("format", in: item) ?? .jsonl
        let limit = try item.int("max_requests", in: 1...10_000_000, rule: "at least 1")
        let pairs = try lengthPairs(item)
        let input = try length("input_tokens", in: item)
        let output = try length("output_tokens", in: item)
        let prefixTokens = try item.int("shared_prefix_tokens", in: 1...10_000_000, rule: "at least 1")
        let groups = try item.int("prefix_groups", in: 1...100_000, rule: "at least 1") ?? 1
        try item.rejectUnreadKeys()
        if let sessions {
            let others = ["dataset", "format", "max_requests", "pairs", "input_tokens", "output_tokens"]
            for key in others + ["shared_prefix_tokens", "prefix_groups"] {
                guard let node = item.value(key) else { continue }
                throw .conflictingKeys(
                    item.location(of: node),
                    key: item.fullName(key),
                    other: item.fullName("sessions"),
                    reason: "a session case takes its lengths and prompts from 'sessions'"
                )
            }
            return BenchmarkCase(workload: .sessions(sessions))
        }
        let workload: Workload
        if let dataset {
            workload = .dataset(path: dataset, format: format, maxRequests: limit)
        } else if let pairs {
            workload = .pairs(pairs)
        } else {
            workload = .lengths(
                input: try item.required(input, "input_tokens"),
                output: try item.required(output, "output_tokens")
            )
        }
        guard let prefixTokens else {
            if case .lengths(.fixed(let input), .fixed(let output)) = workload {
                return BenchmarkCase(inputTokens: input, outputTokens: output)
            }
            return BenchmarkCase(workload: workload)
        }
        if case .lengths(let input, _) = workload, prefixTokens >= input.minimum {
            throw .outOfRange(
                item.location(of: item.value("shared_prefix_tokens")),
                key: item.fullName("shared_prefix_tokens"),
                value: "\(prefixTokens)",
                rule: "shorter than input_tokens (the prefix is part of each prompt)"
            )
        }
        return BenchmarkCase(workload: workload, sharedPrefix: SharedPrefix(tokens: prefixTokens, groups: groups))
    }

    /// `pairs: [[input_tokens, output_tokens], …]`; nil when absent.
    static func lengthPairs(_ item: ConfigMapping) throws(ConfigError) -> [LengthPair]? {
        guard let nodes = try item.nonEmptySequence("pairs", of: "pair") else { return nil }
        var pairs: [LengthPair] = []
        for (index, node) in nodes.enumerated() {
            let name = "\(item.fullName("pairs"))[\(index)]"
            guard let pair = node.sequence, pair.count == 2 else {
                throw .wrongType(
                    item.location(of: node),
                    key: name,
                    expected: "a pair [input_tokens, output_tokens]",
                    found: ConfigMapping.describe(node)
                )
            }
            pairs.append(
                LengthPair(
                    inputTokens: try tokenCount(pair[0], name: name + "[0]", in: item),
                    outputTokens: try tokenCount(pair[1], name: name + "[1]", in: item)
                )
            )
        }
        return pairs
    }

    /// A token count of a case: a whole number from 1 to 10 000 000.
    static func tokenCount(_ node: Node, name: String, in item: ConfigMapping) throws(ConfigError) -> Int {
        try ConfigMapping.int(node, name: name, in: 1...10_000_000, rule: "at least 1", file: item.file)
    }

    /// A length: a number, `{uniform: [low, high]}` or `{normal: {mean, stddev, min, max}}`; nil when absent.
    static func length(_ key: String, in item: ConfigMapping) throws(ConfigError) -> LengthDistribution? {
        guard let node = item.value(key) else { return nil }
        let name = item.fullName(key)
        guard node.mapping != nil else { return .fixed(try tokenCount(node, name: name, in: item)) }
        let spec = try item.nested(node, path: name)
        let uniform = try uniformLength(spec)
        var normal: LengthDistribution?
        if let mapping = try spec.mapping("normal") { normal = try normalLength(mapping) }
        try spec.rejectUnreadKeys()
        guard let distribution = uniform ?? normal else {
            throw .missingOneOf(spec.location(of: node), keys: [name + ".uniform", name + ".normal"])
        }
        return distribution
    }

    /// `uniform: [low, high]`; nil when absent.
    static func uniformLength(_ spec: ConfigMapping) throws(ConfigError) -> LengthDistribution? {
        guard let bounds = try spec.sequence("uniform"), let node = spec.value("uniform") else { return nil }
        guard bounds.count == 2 else { throw spec.wrongType("uniform", node, expected: "a range [low, high]") }
        let name = spec.fullName("uniform")
        let low = try tokenCount(bounds[0], name: name + "[0]", in: spec)
        let high = try ConfigMapping.int(
            bounds[1],
            name: name + "[1]",
            in: low...10_000_000,
            rule: "at least the low bound \(low)",
            file: spec.file
        )
        return .uniform(low, high)
    }

    /// `normal: {mean, stddev, min, max}`; `max` defaults to four deviations above the mean.
    static func normalLength(_ normal: ConfigMapping) throws(ConfigError) -> LengthDistribution {
        let mean = try normal.double("mean", in: 1...1e7, rule: "at least 1")
        let deviation = try normal.double("stddev", in: 0...1e7, rule: "0 or more")
        let low = try normal.int("min", in: 1...10_000_000, rule: "at least 1") ?? 1
        let high = try normal.int("max", in: low...10_000_000, rule: "at least min")
        try normal.rejectUnreadKeys()
        let average = try normal.required(mean, "mean")
        let spread = try normal.required(deviation, "stddev")
        let top = high ?? Int((average + 4 * spread).rounded(.up))
        return .normal(mean: average, standardDeviation: spread, min: low, max: max(low, top))
    }
}
