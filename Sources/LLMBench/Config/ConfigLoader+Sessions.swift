import Yams

extension ConfigLoader {
    /// The most turns a session may have.
    static let maximumTurns = 1000

    /// `sessions:` of a case: drawn turns (`turns`, `user_tokens`, `output_tokens`, optional
    /// `system_tokens`) or a file of conversations (`dataset`, `format`, `replay_answers`,
    /// `max_sessions`, optional `output_tokens`); `think_time` for both.
    static func sessionWorkload(_ mapping: ConfigMapping) throws(ConfigError) -> SessionWorkload {
        let dataset = try mapping.string("dataset")
        let format: DatasetFormat? = try choice("format", in: mapping)
        let replay = try mapping.bool("replay_answers")
        let maxSessions = try mapping.int("max_sessions", in: 1...10_000_000, rule: "at least 1")
        let turns = try length("turns", in: mapping)
        let user = try length("user_tokens", in: mapping)
        let output = try length("output_tokens", in: mapping)
        let system = try mapping.int("system_tokens", in: 1...10_000_000, rule: "at least 1")
        let think = try thinkTime("think_time", in: mapping) ?? .fixed(0)
        let chains = try mapping.bool("previous_response_id") ?? false
        try mapping.rejectUnreadKeys()
        if chains, replay == true {
            try reject(
                "replay_answers",
                besides: "previous_response_id",
                in: mapping,
                reason: "a server holding the conversation keeps its own answers, never the file's"
            )
        }
        var workload = try sessionSource(
            mapping,
            dataset: dataset,
            format: format,
            replay: replay,
            maxSessions: maxSessions,
            turns: turns,
            user: user,
            output: output,
            system: system,
            think: think
        )
        workload.chainsResponses = chains
        return workload
    }

    /// Fails when a case chains its turns by `previous_response_id` on an API other than Responses;
    /// `location` is where the API was chosen.
    static func checkResponseChaining(
        of cases: [BenchmarkCase],
        api: APIKind,
        location: ConfigError.Location
    ) throws(ConfigError) {
        guard api != .responses else { return }
        for (index, benchmarkCase) in cases.enumerated() {
            guard case .sessions(let sessions) = benchmarkCase.workload, sessions.chainsResponses else { continue }
            throw .invalidValue(
                location,
                key: "api",
                value: api.rawValue,
                allowed: [
                    "responses (case \(index + 1) sends previous_response_id, which only the Responses API takes)"
                ]
            )
        }
    }

    /// The source and think time of a `sessions:` mapping whose keys were read.
    private static func sessionSource(
        _ mapping: ConfigMapping,
        dataset: String?,
        format: DatasetFormat?,
        replay: Bool?,
        maxSessions: Int?,
        turns: LengthDistribution?,
        user: LengthDistribution?,
        output: LengthDistribution?,
        system: Int?,
        think: ThinkTime
    ) throws(ConfigError) -> SessionWorkload {
        if let dataset {
            for key in ["turns", "user_tokens", "system_tokens"] {
                try reject(key, besides: "dataset", in: mapping, reason: "a file's conversations set it")
            }
            var fallback: Int?
            if let output {
                guard case .fixed(let tokens) = output else {
                    throw mapping.wrongType(
                        "output_tokens",
                        mapping.value("output_tokens") ?? mapping.node,
                        expected: "a number (the answer length of turns the file gives none for)"
                    )
                }
                fallback = tokens
            }
            return SessionWorkload(
                source: .conversations(
                    path: dataset,
                    format: format ?? .jsonl,
                    replayAnswers: replay ?? false,
                    maxSessions: maxSessions,
                    outputTokens: fallback
                ),
                thinkTime: think
            )
        }
        for key in ["format", "replay_answers", "max_sessions"] {
            try reject(key, besides: "turns", in: mapping, reason: "it applies only to sessions from a dataset")
        }
        let count = try mapping.required(turns, "turns")
        if count.largest > maximumTurns {
            throw .outOfRange(
                mapping.location(of: mapping.value("turns")),
                key: mapping.fullName("turns"),
                value: "\(count)",
                rule: "at most \(maximumTurns) turns"
            )
        }
        return SessionWorkload(
            source: .synthetic(
                turns: count,
                userTokens: try mapping.required(user, "user_tokens"),
                outputTokens: try mapping.required(output, "output_tokens"),
                systemTokens: system
            ),
            thinkTime: think
        )
    }

    /// Fails when `key` is given in `mapping` beside `other`, which excludes it.
    private static func reject(_ key: String, besides other: String, in mapping: ConfigMapping, reason: String)
        throws(ConfigError)
    {
        guard let node = mapping.value(key) else { return }
        throw .conflictingKeys(
            mapping.location(of: node),
            key: mapping.fullName(key),
            other: mapping.fullName(other),
            reason: reason
        )
    }

    /// A think time: a duration (`2s`, `500ms`, `1.5`, `0`) or `{uniform: [low, high]}`,
    /// `{normal: {mean, stddev, min, max}}`, `{exponential: mean}` of durations; nil when absent.
    static func thinkTime(_ key: String, in mapping: ConfigMapping) throws(ConfigError) -> ThinkTime? {
        guard let node = mapping.value(key) else { return nil }
        let name = mapping.fullName(key)
        guard node.mapping != nil else { return .fixed(try duration(node, name: name, file: mapping.file)) }
        let spec = try mapping.nested(node, path: name)
        var distribution: ThinkTime?
        if let bounds = try spec.sequence("uniform"), let boundsNode = spec.value("uniform") {
            guard bounds.count == 2 else {
                throw spec.wrongType("uniform", boundsNode, expected: "a range [low, high] of durations")
            }
            let low = try duration(bounds[0], name: spec.fullName("uniform") + "[0]", file: spec.file)
            let high = try duration(bounds[1], name: spec.fullName("uniform") + "[1]", file: spec.file)
            guard high >= low else {
                throw .outOfRange(
                    spec.location(of: bounds[1]),
                    key: spec.fullName("uniform") + "[1]",
                    value: ConfigMapping.describe(bounds[1]),
                    rule: "at least the low bound \(ConfigMapping.number(low))s"
                )
            }
            distribution = .uniform(low, high)
        }
        if let normal = try spec.mapping("normal") {
            let parsed = try normalThinkTime(normal)
            if distribution == nil { distribution = parsed }
        }
        if let mean = spec.value("exponential") {
            let seconds = try duration(mean, name: spec.fullName("exponential"), file: spec.file)
            if distribution == nil { distribution = .exponential(mean: seconds) }
        }
        try spec.rejectUnreadKeys()
        guard let distribution else {
            throw .missingOneOf(spec.location(of: node), keys: ["uniform", "normal", "exponential"].map(spec.fullName))
        }
        return distribution
    }

    /// `normal: {mean, stddev, min, max}` of durations; `min` defaults to 0 and `max` to four
    /// deviations above the mean.
    private static func normalThinkTime(_ normal: ConfigMapping) throws(ConfigError) -> ThinkTime {
        let value = { (key: String) throws(ConfigError) -> Double? in
            guard let node = normal.value(key) else { return nil }
            return try duration(node, name: normal.fullName(key), file: normal.file)
        }
        let mean = try value("mean")
        let deviation = try value("stddev")
        let low = try value("min") ?? 0
        let high = try value("max")
        try normal.rejectUnreadKeys()
        let average = try normal.required(mean, "mean")
        let spread = try normal.required(deviation, "stddev")
        if let high, high < low {
            throw .outOfRange(
                normal.location(of: normal.value("max")),
                key: normal.fullName("max"),
                value: "\(ConfigMapping.number(high))s",
                rule: "at least min (\(ConfigMapping.number(low))s)"
            )
        }
        return .normal(mean: average, standardDeviation: spread, min: low, max: high ?? max(low, average + 4 * spread))
    }

    /// A duration node: seconds (`2`, `1.5`) or with a unit (`500ms`, `2s`, `1m`), 0 or more.
    private static func duration(_ node: Node, name: String, file: String) throws(ConfigError) -> Double {
        if let seconds = node.scalar.flatMap({ LoadOverrides.seconds($0.string) }) { return seconds }
        throw .wrongType(
            ConfigMapping.location(file, node),
            key: name,
            expected: "a duration such as 2s, 500ms or 0",
            found: ConfigMapping.describe(node)
        )
    }
}

extension LengthDistribution {
    /// The largest length it can give.
    var largest: Int {
        switch self {
        case .fixed(let value): value
        case .uniform(_, let high), .normal(_, _, _, let high): high
        }
    }
}
