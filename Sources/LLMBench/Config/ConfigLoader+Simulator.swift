import LLMBenchSimulator

extension ConfigLoader {
    /// Reads the `simulator:` section, the options of the embedded simulated server.
    static func simulatorOptions(_ mapping: ConfigMapping) throws(ConfigError) -> SimulatorOptions {
        var options = SimulatorOptions()
        var latency = options.latency
        let milliseconds = 0.0...3_600_000.0
        let rule = "0 or more"
        if let ttft = try mapping.double("ttft_ms", in: milliseconds, rule: rule) {
            latency.baseTimeToFirstTokenMilliseconds = ttft
        }
        if let rate = try mapping.double("prefill_tokens_per_second", in: 0.000_001...1e12, rule: "more than 0") {
            latency.prefillTokensPerSecond = rate
        }
        if let itl = try mapping.double("itl_ms", in: milliseconds, rule: rule) {
            latency.interTokenMilliseconds = itl
        }
        if let perSequence = try mapping.double("itl_per_sequence_ms", in: milliseconds, rule: rule) {
            latency.interTokenMillisecondsPerActiveSequence = perSequence
        }
        if let maximum = try mapping.int("max_sequences", in: 1...1_000_000, rule: "at least 1") {
            latency.maxConcurrentSequences = maximum
        }
        if let jitter = try mapping.double("jitter", in: 0...1, rule: "between 0 and 1") {
            latency.jitterFraction = jitter
        }
        if let seed = try mapping.int("seed", in: 0...Int.max, rule: rule) {
            latency.seed = UInt64(seed)
        }
        if try mapping.bool("deterministic") == true {
            latency = .deterministic(
                timeToFirstTokenMilliseconds: latency.baseTimeToFirstTokenMilliseconds,
                interTokenMilliseconds: latency.interTokenMilliseconds
            )
        }
        options.latency = latency
        options.tokensPerEvent =
            try mapping.int("tokens_per_event", in: 1...10_000, rule: "at least 1") ?? options.tokensPerEvent
        options.tokenizeEndpoints = try mapping.bool("tokenize_endpoints") ?? options.tokenizeEndpoints
        options.eventLoopThreads =
            try mapping.int("threads", in: 1...64, rule: "between 1 and 64") ?? options.eventLoopThreads
        try mapping.rejectUnreadKeys()
        return options
    }
}
