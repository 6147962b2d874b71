/// A `sessions:` mapping as the YAML it is written in.
extension SessionWorkload: Encodable {
    enum CodingKeys: String, CodingKey {
        case turns
        case userTokens = "user_tokens"
        case outputTokens = "output_tokens"
        case systemTokens = "system_tokens"
        case dataset
        case format
        case replayAnswers = "replay_answers"
        case maxSessions = "max_sessions"
        case thinkTime = "think_time"
        case previousResponseID = "previous_response_id"
    }

    /// Writes the keys of the workload's form; durations in seconds.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch source {
        case .synthetic(let turns, let user, let output, let system):
            try container.encode(turns, forKey: .turns)
            try container.encode(user, forKey: .userTokens)
            try container.encode(output, forKey: .outputTokens)
            try container.encodeIfPresent(system, forKey: .systemTokens)
        case .conversations(let path, let format, let replay, let maxSessions, let output):
            try container.encode(path, forKey: .dataset)
            try container.encode(format.rawValue, forKey: .format)
            try container.encode(replay, forKey: .replayAnswers)
            try container.encodeIfPresent(maxSessions, forKey: .maxSessions)
            try container.encodeIfPresent(output, forKey: .outputTokens)
        }
        try container.encode(thinkTime, forKey: .thinkTime)
        if chainsResponses { try container.encode(true, forKey: .previousResponseID) }
    }
}

/// A think time as YAML writes it: seconds, or `{uniform}`, `{normal}`, `{exponential}` of seconds.
extension ThinkTime: Encodable {
    /// Writes the think time in the form the config reads.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .fixed(let seconds): try DrawnValueCoding.fixed(seconds, to: encoder)
        case .uniform(let low, let high): try DrawnValueCoding.uniform(low, high, to: encoder)
        case .normal(let mean, let deviation, let low, let high):
            try DrawnValueCoding.normal(mean: mean, standardDeviation: deviation, min: low, max: high, to: encoder)
        case .exponential(let mean): try DrawnValueCoding.exponential(mean: mean, to: encoder)
        }
    }
}
