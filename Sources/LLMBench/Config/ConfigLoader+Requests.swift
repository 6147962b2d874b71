import Yams

/// The keys of how requests are sent: endpoint, key, retries, timeouts, headers and body fields.
extension ConfigLoader {
    /// How each request is sent: retries, limits, headers, TLS, the endpoint and extra fields.
    /// A header's value written as `${NAME}` is read from the environment variable `NAME`.
    static func readRequests(
        _ top: ConfigMapping,
        environment: [String: String],
        into config: inout BenchmarkConfig
    ) throws(ConfigError) {
        if let retry = try top.mapping("retry") { config.retry = try retryPolicy(retry) }
        if let timeouts = try top.mapping("timeouts") { config.timeouts = try requestTimeouts(timeouts) }
        if let headers = try top.mapping("headers") {
            for pair in headers.pairs {
                guard let value = pair.value.scalar?.string else {
                    throw headers.wrongType(pair.key, pair.value, expected: "a text value")
                }
                config.headers[pair.key] = try environmentValue(
                    value,
                    key: headers.fullName(pair.key),
                    location: headers.location(of: pair.value),
                    environment: environment
                )
            }
        }
        config.tlsInsecure = try top.bool("tls_insecure") ?? false
        config.maxEventBytes =
            try top.int("max_event_bytes", in: 1024...(1 << 30), rule: "between 1024 and 1073741824")
            ?? config.maxEventBytes
        config.api = try choice("api", in: top) ?? config.api
        if let extra = try top.mapping("extra_body") { config.extraBody = try extraBody(extra) }
        config.continuousUsageStats = try top.bool("continuous_usage_stats") ?? false
        if config.continuousUsageStats, config.api == .responses {
            throw .invalidValue(
                top.location(of: top.value("continuous_usage_stats")),
                key: "continuous_usage_stats",
                value: "true",
                allowed: ["false with api: responses (its events carry no usage before response.completed)"]
            )
        }
    }

    /// `base_url`: the embedded simulator when absent or `embedded`, else the parsed address.
    static func endpoint(_ top: ConfigMapping) throws(ConfigError) -> Endpoint {
        guard let text = try top.string("base_url"), text != "embedded" else { return .embedded }
        if let hidden = ServerAddress.credentialsHidden(in: text) {
            throw .wrongType(
                top.location(of: top.value("base_url")),
                key: "base_url",
                expected:
                    "a URL without credentials (user:password@ is neither sent nor shown): give a key with api_key, or an Authorization header under headers (both redacted everywhere)",
                found: "'\(hidden)'"
            )
        }
        guard let address = ServerAddress(parsing: text) else {
            throw .wrongType(
                top.location(of: top.value("base_url")),
                key: "base_url",
                expected: "an http:// or https:// URL such as http://localhost:8000/v1, or 'embedded'",
                found: "'\(text)'"
            )
        }
        return .remote(address)
    }

    /// `api_key`, a `${VARIABLE}` read from the environment; `OPENAI_API_KEY` when absent.
    static func apiKey(_ top: ConfigMapping, environment: [String: String]) throws(ConfigError) -> APIKey? {
        guard let written = try top.string("api_key") else {
            return environment["OPENAI_API_KEY"].flatMap { $0.isEmpty ? nil : APIKey($0) }
        }
        guard written.hasPrefix("${"), written.hasSuffix("}") else {
            return written.isEmpty ? nil : APIKey(written)
        }
        let variable = String(written.dropFirst(2).dropLast())
        guard let value = environment[variable] else {
            throw .unsetEnvironmentVariable(top.location(of: top.value("api_key")), key: "api_key", variable: variable)
        }
        return value.isEmpty ? nil : APIKey(value)
    }

    /// `written` itself, or the environment variable it names when written as `${NAME}`.
    static func environmentValue(
        _ written: String,
        key: String,
        location: ConfigError.Location,
        environment: [String: String]
    ) throws(ConfigError) -> String {
        guard written.hasPrefix("${"), written.hasSuffix("}") else { return written }
        let variable = String(written.dropFirst(2).dropLast())
        guard let value = environment[variable] else {
            throw .unsetEnvironmentVariable(location, key: key, variable: variable)
        }
        return value
    }

    /// The `retry:` mapping.
    static func retryPolicy(_ mapping: ConfigMapping) throws(ConfigError) -> RetryPolicy {
        var policy = RetryPolicy()
        policy.maxRetries = try mapping.int("max_retries", in: 0...100, rule: "between 0 and 100") ?? policy.maxRetries
        if let waits = try mapping.intList("backoff_ms", in: 0...600_000, rule: "between 0 and 600000 ms", what: "wait")
        {
            policy.backoffMilliseconds = waits
        }
        policy.maxRetryAfterMilliseconds =
            try mapping.int("max_retry_after_ms", in: 0...3_600_000, rule: "between 0 and 3600000 ms")
            ?? policy.maxRetryAfterMilliseconds
        policy.jitter = try mapping.bool("jitter") ?? policy.jitter
        try mapping.rejectUnreadKeys()
        return policy
    }

    /// The `timeouts:` mapping.
    static func requestTimeouts(_ mapping: ConfigMapping) throws(ConfigError) -> RequestTimeouts {
        var timeouts = RequestTimeouts()
        let rule = "0 (no limit) or a number of milliseconds"
        timeouts.connectMilliseconds =
            try mapping.int("connect_ms", in: 0...86_400_000, rule: rule) ?? timeouts.connectMilliseconds
        timeouts.firstTokenMilliseconds =
            try mapping.int("first_token_ms", in: 0...86_400_000, rule: rule) ?? timeouts.firstTokenMilliseconds
        timeouts.idleMilliseconds =
            try mapping.int("idle_ms", in: 0...86_400_000, rule: rule) ?? timeouts.idleMilliseconds
        timeouts.totalMilliseconds =
            try mapping.int("total_ms", in: 0...86_400_000, rule: rule) ?? timeouts.totalMilliseconds
        try mapping.rejectUnreadKeys()
        return timeouts
    }
}
