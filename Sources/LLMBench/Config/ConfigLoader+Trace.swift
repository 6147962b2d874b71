extension ConfigLoader {
    /// A `trace:` case: `{trace: FILE, format, speed, max_requests, duration, block_tokens}`.
    static func traceCase(_ item: ConfigMapping) throws(ConfigError) -> BenchmarkCase {
        let path = try item.string("trace")
        let format: TraceFormat? = try choice("format", in: item)
        let speed = try item.double(
            "speed",
            in: 0.001...1_000_000,
            rule: "from 0.001 to 1000000 (2 replays twice as fast)"
        )
        let limit = try item.int("max_requests", in: 1...10_000_000, rule: "at least 1")
        let duration = try seconds("duration", in: item)
        let blockTokens = try item.int("block_tokens", in: 1...1_000_000, rule: "at least 1")
        try item.rejectUnreadKeys()
        var trace = TraceSettings(path: try item.required(path, "trace"), format: try item.required(format, "format"))
        if let duration, duration <= 0 {
            throw .outOfRange(
                item.location(of: item.value("duration")),
                key: item.fullName("duration"),
                value: "\(duration)",
                rule: "more than 0 seconds"
            )
        }
        if let blockTokens, format == .azure || format == .burstgpt {
            throw .outOfRange(
                item.location(of: item.value("block_tokens")),
                key: item.fullName("block_tokens"),
                value: "\(blockTokens)",
                rule:
                    "left out with format \(trace.format.rawValue) (only mooncake and jsonl traces have hash_ids blocks)"
            )
        }
        trace.speed = speed ?? 1
        trace.maxRequests = limit
        trace.durationSeconds = duration
        trace.blockTokens = blockTokens ?? TraceSettings.defaultBlockTokens
        return BenchmarkCase(workload: .trace(trace))
    }
}
