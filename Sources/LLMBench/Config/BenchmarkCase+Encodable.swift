/// A case as the YAML it is written in: fixed lengths, distributions, pairs or a dataset.
extension BenchmarkCase: Encodable {
    enum CodingKeys: String, CodingKey {
        case inputTokens = "input_tokens"
        case outputTokens = "output_tokens"
        case pairs
        case dataset
        case format
        case maxRequests = "max_requests"
        case sharedPrefixTokens = "shared_prefix_tokens"
        case prefixGroups = "prefix_groups"
        case trace
        case speed
        case duration
        case blockTokens = "block_tokens"
        case sessions
    }

    /// Writes the keys of the case's form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch workload {
        case .lengths(let input, let output):
            try container.encode(input, forKey: .inputTokens)
            try container.encode(output, forKey: .outputTokens)
        case .pairs(let pairs):
            try container.encode(pairs.map { [$0.inputTokens, $0.outputTokens] }, forKey: .pairs)
        case .dataset(let path, let format, let maxRequests):
            try container.encode(path, forKey: .dataset)
            try container.encode(format.rawValue, forKey: .format)
            try container.encodeIfPresent(maxRequests, forKey: .maxRequests)
        case .trace(let trace):
            try container.encode(trace.path, forKey: .trace)
            try container.encode(trace.format.rawValue, forKey: .format)
            try container.encode(trace.speed, forKey: .speed)
            try container.encodeIfPresent(trace.maxRequests, forKey: .maxRequests)
            try container.encodeIfPresent(trace.durationSeconds, forKey: .duration)
            if trace.format == .mooncake || trace.format == .jsonl {
                try container.encode(trace.blockTokens, forKey: .blockTokens)
            }
        case .sessions(let sessions):
            try container.encode(sessions, forKey: .sessions)
        }
        if let sharedPrefix {
            try container.encode(sharedPrefix.tokens, forKey: .sharedPrefixTokens)
            try container.encode(sharedPrefix.groups, forKey: .prefixGroups)
        }
    }
}

/// A length as YAML writes it: a number, `{uniform: [low, high]}` or `{normal: {mean, stddev, min, max}}`.
extension LengthDistribution: Encodable {
    /// Writes the length in the form the config reads.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .fixed(let value): try DrawnValueCoding.fixed(value, to: encoder)
        case .uniform(let low, let high): try DrawnValueCoding.uniform(low, high, to: encoder)
        case .normal(let mean, let deviation, let low, let high):
            try DrawnValueCoding.normal(mean: mean, standardDeviation: deviation, min: low, max: high, to: encoder)
        }
    }
}
