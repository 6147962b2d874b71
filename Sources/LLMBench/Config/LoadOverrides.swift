/// Command-line overrides of the config's load settings (`--rate 20`, `--concurrency 8`, …).
public struct LoadOverrides: Sendable {
    /// `--mode`.
    public var mode: String?
    /// `--concurrency`.
    public var concurrency: Int?
    /// `--rate`.
    public var rate: Double?
    /// `--requests`.
    public var requests: Int?
    /// `--duration`, e.g. `60s`.
    public var duration: String?
    /// `--api`.
    public var api: String?
    /// `--client-threads`.
    public var clientThreads: Int?

    /// The longest `--duration`: a year, in seconds.
    static let maximumDurationSeconds = 31_536_000.0

    /// Collects the overrides given.
    public init(
        mode: String?,
        concurrency: Int?,
        rate: Double?,
        requests: Int?,
        duration: String?,
        api: String?,
        clientThreads: Int? = nil
    ) {
        self.mode = mode
        self.concurrency = concurrency
        self.rate = rate
        self.requests = requests
        self.duration = duration
        self.api = api
        self.clientThreads = clientThreads
    }

    /// Where an override's error points.
    static let here = ConfigError.Location(file: "command line")

    /// Checks each override on its own, with the bounds the config loader uses for the same keys.
    public func validate() throws(ConfigError) {
        if let concurrency { try Self.check("--concurrency", concurrency, in: 1...1_000_000) }
        if let rate {
            guard rate.isFinite, (0.000_001...1e9).contains(rate) else {
                throw .outOfRange(
                    Self.here,
                    key: "--rate",
                    value: "\(rate)",
                    rule: rate > 0 && rate.isFinite ? "at most 1000000000" : "more than 0 requests per second"
                )
            }
        }
        if let requests { try Self.check("--requests", requests, in: 1...100_000_000) }
        if let clientThreads { try Self.check("--client-threads", clientThreads, in: ClientThreads.range) }
        _ = try parsedMode()
        _ = try parsedDuration()
        _ = try parsedAPI()
    }

    /// Applies the overrides, checking each as the config loader would; the result goes
    /// through the same `LoadPlan` check as a config file.
    ///
    /// `--concurrency` sets `num_concurrent_requests` and drops `load.concurrency`, so the one
    /// value applies in every mode. `--duration` without `--requests` runs each case for that
    /// long: the config's request count no longer applies, and waves (a fixed count) become
    /// concurrency mode with `num_concurrent_requests` in flight.
    public func apply(to config: inout BenchmarkConfig) throws(ConfigError) {
        try validate()
        if let concurrency {
            config.concurrency = concurrency
            config.load.concurrency = nil
        }
        if let rate {
            config.load.rate = rate
            if config.load.mode != .sweep { config.load.mode = .rate }
        }
        if let parsed = try parsedMode() { config.load.mode = parsed }
        if let requests { config.load.requests = requests }
        if let seconds = try parsedDuration() {
            config.load.durationSeconds = seconds
            if requests == nil { config.load.requests = nil }
            if config.load.mode == .waves {
                guard mode == nil else {
                    throw .outOfRange(
                        Self.here,
                        key: "--duration",
                        value: "\(duration ?? "") with --mode waves",
                        rule:
                            "used with --mode concurrency, rate or sweep (waves send runs x num_concurrent_requests requests)"
                    )
                }
                config.load.mode = .concurrency
            }
        }
        if let parsed = try parsedAPI() {
            config.api = parsed
            try ConfigLoader.checkResponseChaining(of: config.cases, api: parsed, location: Self.here)
        }
        if let clientThreads { config.clientThreads = clientThreads }
        _ = try LoadPlan(config, origin: .commandLine)
    }

    private static func check(_ key: String, _ value: Int, in range: ClosedRange<Int>) throws(ConfigError) {
        guard range.contains(value) else {
            let rule = value < range.lowerBound ? "at least \(range.lowerBound)" : "at most \(range.upperBound)"
            throw .outOfRange(here, key: key, value: "\(value)", rule: rule)
        }
    }

    private func parsedMode() throws(ConfigError) -> LoadSettings.Mode? {
        guard let mode else { return nil }
        guard let parsed = LoadSettings.Mode(rawValue: mode.lowercased()) else {
            throw .invalidValue(
                Self.here,
                key: "--mode",
                value: mode,
                allowed: LoadSettings.Mode.allCases.map(\.rawValue)
            )
        }
        return parsed
    }

    private func parsedDuration() throws(ConfigError) -> Double? {
        guard let duration else { return nil }
        guard let seconds = Self.seconds(duration) else {
            throw .wrongType(
                Self.here,
                key: "--duration",
                expected: "a duration such as 60, 60s, 500ms or 5m",
                found: "'\(duration)'"
            )
        }
        guard seconds <= Self.maximumDurationSeconds else {
            throw .outOfRange(Self.here, key: "--duration", value: duration, rule: "at most 365 days")
        }
        return seconds
    }

    private func parsedAPI() throws(ConfigError) -> APIKind? {
        guard let api else { return nil }
        guard let parsed = APIKind(rawValue: api.lowercased()) else {
            throw .invalidValue(Self.here, key: "--api", value: api, allowed: APIKind.allCases.map(\.rawValue))
        }
        return parsed
    }

    /// Seconds from `60`, `1.5`, `500ms`, `60s`, `5m` or `1h`.
    static func seconds(_ text: String) -> Double? {
        let trimmed = text.lowercased().filter { !$0.isWhitespace }
        if let number = Double(trimmed), number >= 0, number.isFinite { return number }
        for (suffix, factor) in [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)] where trimmed.hasSuffix(suffix) {
            if let number = Double(trimmed.dropLast(suffix.count)), number >= 0, number.isFinite {
                return number * factor
            }
        }
        return nil
    }
}
