import Yams

extension ConfigLoader {
    static let caseKeys = [
        "input_tokens", "output_tokens", "pairs", "dataset", "format", "max_requests", "shared_prefix_tokens",
        "prefix_groups",
    ]

    /// One entry of `cases`: fixed lengths (the seed's form), length distributions, a list of
    /// pairs, or a dataset; optionally with a shared prompt prefix.
    static func benchmarkCase(_ item: ConfigMapping) throws(ConfigError) -> BenchmarkCase {
        try item.rejectUnknownKeys(caseKeys)
        let workload: Workload
        if let path = try item.string("dataset") {
            let format: DatasetFormat = try choice("format", in: item) ?? .jsonl
            let limit = try item.int("max_requests", in: 1...10_000_000, rule: "at least 1")
            workload = .dataset(path: path, format: format, maxRequests: limit)
        } else if let nodes = try item.sequence("pairs") {
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
                        inputTokens: try ConfigMapping.int(
                            pair[0],
                            name: name + "[0]",
                            in: 1...10_000_000,
                            rule: "at least 1",
                            file: item.file
                        ),
                        outputTokens: try ConfigMapping.int(
                            pair[1],
                            name: name + "[1]",
                            in: 1...10_000_000,
                            rule: "at least 1",
                            file: item.file
                        )
                    )
                )
            }
            guard !pairs.isEmpty else {
                throw .outOfRange(
                    item.location(of: item.value("pairs")),
                    key: item.fullName("pairs"),
                    value: "empty",
                    rule: "a list of at least one pair"
                )
            }
            workload = .pairs(pairs)
        } else {
            let input = try length("input_tokens", in: item)
            let output = try length("output_tokens", in: item)
            workload = .lengths(input: input, output: output)
        }
        var sharedPrefix: SharedPrefix?
        if let tokens = try item.int("shared_prefix_tokens", in: 1...10_000_000, rule: "at least 1") {
            let groups = try item.int("prefix_groups", in: 1...100_000, rule: "at least 1") ?? 1
            if case .lengths(let input, _) = workload, tokens >= input.minimum {
                throw .outOfRange(
                    item.location(of: item.value("shared_prefix_tokens")),
                    key: item.fullName("shared_prefix_tokens"),
                    value: "\(tokens)",
                    rule: "shorter than input_tokens (the prefix is part of each prompt)"
                )
            }
            sharedPrefix = SharedPrefix(tokens: tokens, groups: groups)
        }
        if case .lengths(.fixed(let input), .fixed(let output)) = workload, sharedPrefix == nil {
            return BenchmarkCase(inputTokens: input, outputTokens: output)
        }
        return BenchmarkCase(workload: workload, sharedPrefix: sharedPrefix)
    }

    /// A length: a number, `{uniform: [low, high]}` or `{normal: {mean, stddev, min, max}}`.
    static func length(_ key: String, in item: ConfigMapping) throws(ConfigError) -> LengthDistribution {
        let node = try item.require(key)
        let name = item.fullName(key)
        if node.mapping == nil {
            return .fixed(
                try ConfigMapping.int(node, name: name, in: 1...10_000_000, rule: "at least 1", file: item.file)
            )
        }
        let spec = try ConfigMapping(file: item.file, path: name, node: node)
        try spec.rejectUnknownKeys(["uniform", "normal"])
        if let bounds = try spec.sequence("uniform") {
            guard bounds.count == 2 else {
                throw spec.wrongType("uniform", spec.value("uniform")!, expected: "a range [low, high]")
            }
            let low = try ConfigMapping.int(
                bounds[0],
                name: name + ".uniform[0]",
                in: 1...10_000_000,
                rule: "at least 1",
                file: item.file
            )
            let high = try ConfigMapping.int(
                bounds[1],
                name: name + ".uniform[1]",
                in: low...10_000_000,
                rule: "at least the low bound \(low)",
                file: item.file
            )
            return .uniform(low, high)
        }
        if let normal = try spec.mapping("normal") {
            try normal.rejectUnknownKeys(["mean", "stddev", "min", "max"])
            _ = try normal.require("mean")
            _ = try normal.require("stddev")
            let mean = try normal.double("mean", in: 1...1e7, rule: "at least 1") ?? 1
            let deviation = try normal.double("stddev", in: 0...1e7, rule: "0 or more") ?? 0
            let low = try normal.int("min", in: 1...10_000_000, rule: "at least 1") ?? 1
            let high =
                try normal.int("max", in: low...10_000_000, rule: "at least min")
                ?? Int((mean + 4 * deviation).rounded(.up))
            return .normal(mean: mean, standardDeviation: deviation, min: low, max: max(low, high))
        }
        throw .missingOneOf(spec.location(of: node), keys: [name + ".uniform", name + ".normal"])
    }
}
