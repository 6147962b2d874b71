/// The config as the YAML keys it was read from, for the summary: loaded back, it describes the
/// same benchmark. The API key and header values are written as `<redacted>`.
extension BenchmarkConfig: Encodable {
    enum CodingKeys: String, CodingKey {
        case baseURL = "base_url"
        case apiKey = "api_key"
        case model
        case outputPrefixName = "output_prefix_name"
        case outputDirectory = "output_dir"
        case saveFormat = "save_format"
        case streamWriting = "stream_writing"
        case writesReport = "report"
        case runs
        case concurrency = "num_concurrent_requests"
        case cases
        case inputFile = "input_file"
        case seed
        case retry
        case timeouts
        case headers
        case tlsInsecure = "tls_insecure"
        case simulator
        case promptSource = "prompt_source"
        case promptReuse = "prompt_reuse"
        case promptCacheDirectory = "prompt_cache_dir"
        case forceOutputLength = "force_output_length"
        case maxEventBytes = "max_event_bytes"
        case load
        case slo
        case api
        case extraBody = "extra_body"
        case continuousUsageStats = "continuous_usage_stats"
        case failOn = "fail_on"
        case liveMetrics = "metrics_port"
        case serverMetrics = "server_metrics"
        case clientThreads = "client_threads"
        case timestamps
    }

    /// Writes every key; `api_key` only when a key is used.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(endpoint.description, forKey: .baseURL)
        if apiKey != nil { try container.encode(SecretRedaction.placeholder, forKey: .apiKey) }
        try container.encode(model, forKey: .model)
        try container.encode(outputPrefixName, forKey: .outputPrefixName)
        try container.encode(outputDirectory, forKey: .outputDirectory)
        try container.encode(saveFormat, forKey: .saveFormat)
        try container.encode(streamWriting, forKey: .streamWriting)
        try container.encode(writesReport, forKey: .writesReport)
        try container.encode(runs, forKey: .runs)
        try container.encode(concurrency, forKey: .concurrency)
        try container.encode(cases, forKey: .cases)
        try container.encode(inputFile, forKey: .inputFile)
        try container.encodeIfPresent(seed, forKey: .seed)
        try container.encode(retry, forKey: .retry)
        try container.encode(timeouts, forKey: .timeouts)
        try container.encode(headers.mapValues { _ in SecretRedaction.placeholder }, forKey: .headers)
        try container.encode(tlsInsecure, forKey: .tlsInsecure)
        try container.encode(SimulatorSection(simulator), forKey: .simulator)
        try container.encode(promptSource.rawValue, forKey: .promptSource)
        try container.encode(promptReuse.rawValue, forKey: .promptReuse)
        try container.encode(promptCacheDirectory ?? "off", forKey: .promptCacheDirectory)
        try container.encode(forceOutputLength, forKey: .forceOutputLength)
        try container.encode(maxEventBytes, forKey: .maxEventBytes)
        try container.encode(load, forKey: .load)
        try container.encode(slo, forKey: .slo)
        try container.encode(api.rawValue, forKey: .api)
        try container.encode(extraBody.mapValues(JSONValue.init(parsing:)), forKey: .extraBody)
        try container.encode(continuousUsageStats, forKey: .continuousUsageStats)
        try container.encode(failOn.map(\.text), forKey: .failOn)
        try container.encodeIfPresent(liveMetrics?.description, forKey: .liveMetrics)
        try container.encode(serverMetrics, forKey: .serverMetrics)
        try container.encode(clientThreads, forKey: .clientThreads)
        try container.encode(timestamps.rawValue, forKey: .timestamps)
    }
}

/// The `simulator:` section as its YAML keys.
private struct SimulatorSection: Encodable {
    let settings: EmbeddedSimulatorSettings

    init(_ settings: EmbeddedSimulatorSettings) { self.settings = settings }

    enum CodingKeys: String, CodingKey {
        case ttft = "ttft_ms"
        case prefill = "prefill_tokens_per_second"
        case itl = "itl_ms"
        case itlPerSequence = "itl_per_sequence_ms"
        case maxSequences = "max_sequences"
        case jitter
        case seed
        case tokensPerEvent = "tokens_per_event"
        case deterministic
        case tokenizeEndpoints = "tokenize_endpoints"
        case threads
        case serverTimings = "server_timings"
        case kvCacheTokens = "kv_cache_tokens"
        case prefixCache = "prefix_cache"
        case prefixCacheBlockTokens = "prefix_cache_block_tokens"
        case prefixCacheTokens = "prefix_cache_tokens"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(settings.timeToFirstTokenMilliseconds, forKey: .ttft)
        try container.encode(settings.interTokenMilliseconds, forKey: .itl)
        if settings.isDeterministic {
            try container.encode(true, forKey: .deterministic)
        } else {
            try container.encode(settings.prefillTokensPerSecond, forKey: .prefill)
            try container.encode(settings.interTokenMillisecondsPerSequence, forKey: .itlPerSequence)
            try container.encode(settings.maxSequences, forKey: .maxSequences)
            try container.encode(settings.jitter, forKey: .jitter)
            try container.encode(settings.seed, forKey: .seed)
        }
        try container.encode(settings.tokensPerEvent, forKey: .tokensPerEvent)
        try container.encode(settings.tokenizeEndpoints, forKey: .tokenizeEndpoints)
        try container.encode(settings.threads, forKey: .threads)
        try container.encode(settings.serverTimings, forKey: .serverTimings)
        try container.encode(settings.kvCacheTokens, forKey: .kvCacheTokens)
        try container.encode(settings.prefixCache, forKey: .prefixCache)
        try container.encode(settings.prefixCacheBlockTokens, forKey: .prefixCacheBlockTokens)
        try container.encode(settings.prefixCacheTokens, forKey: .prefixCacheTokens)
    }
}
