extension ConfigLoader {
    /// Reads the `simulator:` section, the settings of the embedded simulated server.
    static func simulatorSettings(_ mapping: ConfigMapping) throws(ConfigError) -> EmbeddedSimulatorSettings {
        var settings = EmbeddedSimulatorSettings()
        let milliseconds = 0.0...3_600_000.0
        let rule = "0 or more"
        if let ttft = try mapping.double("ttft_ms", in: milliseconds, rule: rule) {
            settings.timeToFirstTokenMilliseconds = ttft
        }
        if let rate = try mapping.double("prefill_tokens_per_second", in: 0.000_001...1e12, rule: "more than 0") {
            settings.prefillTokensPerSecond = rate
        }
        if let itl = try mapping.double("itl_ms", in: milliseconds, rule: rule) {
            settings.interTokenMilliseconds = itl
        }
        if let perSequence = try mapping.double("itl_per_sequence_ms", in: milliseconds, rule: rule) {
            settings.interTokenMillisecondsPerSequence = perSequence
        }
        if let maximum = try mapping.int("max_sequences", in: 1...1_000_000, rule: "at least 1") {
            settings.maxSequences = maximum
        }
        if let jitter = try mapping.double("jitter", in: 0...1, rule: "between 0 and 1") {
            settings.jitter = jitter
        }
        if let seed = try mapping.int("seed", in: 0...Int.max, rule: rule) {
            settings.seed = UInt64(seed)
        }
        settings.isDeterministic = try mapping.bool("deterministic") ?? false
        settings.tokensPerEvent =
            try mapping.int("tokens_per_event", in: 1...10_000, rule: "at least 1") ?? settings.tokensPerEvent
        settings.tokenizeEndpoints = try mapping.bool("tokenize_endpoints") ?? settings.tokenizeEndpoints
        settings.threads = try mapping.int("threads", in: 1...64, rule: "between 1 and 64") ?? settings.threads
        settings.serverTimings = try mapping.bool("server_timings") ?? settings.serverTimings
        settings.kvCacheTokens =
            try mapping.int("kv_cache_tokens", in: 1...1_000_000_000_000, rule: "at least 1") ?? settings.kvCacheTokens
        settings.prefixCache = try mapping.bool("prefix_cache") ?? settings.prefixCache
        settings.prefixCacheBlockTokens =
            try mapping.int("prefix_cache_block_tokens", in: 1...1_048_576, rule: "between 1 and 1048576")
            ?? settings.prefixCacheBlockTokens
        settings.prefixCacheTokens =
            try mapping.int("prefix_cache_tokens", in: 1...1_000_000_000_000, rule: "at least 1")
            ?? settings.prefixCacheTokens
        // The block's upper bound is the capacity's default, so only a capacity given can be short.
        if settings.prefixCacheTokens < settings.prefixCacheBlockTokens {
            throw .outOfRange(
                mapping.location(of: mapping.value("prefix_cache_tokens")),
                key: mapping.fullName("prefix_cache_tokens"),
                value: "\(settings.prefixCacheTokens)",
                rule: "at least prefix_cache_block_tokens (\(settings.prefixCacheBlockTokens)), one block"
            )
        }
        try mapping.rejectUnreadKeys()
        return settings
    }
}
