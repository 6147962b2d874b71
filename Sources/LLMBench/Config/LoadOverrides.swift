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

    /// Collects the overrides given.
    public init(mode: String?, concurrency: Int?, rate: Double?, requests: Int?, duration: String?, api: String?) {
        self.mode = mode
        self.concurrency = concurrency
        self.rate = rate
        self.requests = requests
        self.duration = duration
        self.api = api
    }

    /// Applies the overrides, checking each as the config loader would.
    public func apply(to config: inout BenchmarkConfig) throws(ConfigError) {
        let here = ConfigError.Location(file: "command line")
        if let concurrency {
            guard concurrency >= 1 else {
                throw .outOfRange(here, key: "--concurrency", value: "\(concurrency)", rule: "at least 1")
            }
            config.concurrency = concurrency
            config.load.concurrency = concurrency
        }
        if let rate {
            guard rate > 0, rate.isFinite else {
                throw .outOfRange(here, key: "--rate", value: "\(rate)", rule: "more than 0")
            }
            config.load.rate = rate
            if config.load.mode != .sweep { config.load.mode = .rate }
        }
        if let mode {
            guard let parsed = LoadSettings.Mode(rawValue: mode.lowercased()) else {
                throw .invalidValue(
                    here,
                    key: "--mode",
                    value: mode,
                    allowed: LoadSettings.Mode.allCases.map(\.rawValue)
                )
            }
            config.load.mode = parsed
        }
        if let requests {
            guard requests >= 1 else {
                throw .outOfRange(here, key: "--requests", value: "\(requests)", rule: "at least 1")
            }
            config.load.requests = requests
        }
        if let duration {
            guard let seconds = Self.seconds(duration) else {
                throw .wrongType(
                    here,
                    key: "--duration",
                    expected: "a duration such as 60, 60s, 500ms or 5m",
                    found: "'\(duration)'"
                )
            }
            config.load.durationSeconds = seconds
        }
        if let api {
            guard let parsed = APIKind(rawValue: api.lowercased()) else {
                throw .invalidValue(here, key: "--api", value: api, allowed: APIKind.allCases.map(\.rawValue))
            }
            config.api = parsed
        }
        if config.load.mode == .rate, config.load.rate == nil {
            throw .missingOneOf(here, keys: ["--rate", "load.rate"])
        }
        if config.load.mode == .sweep, config.load.sweep == nil {
            throw .missingKey(here, key: "load.sweep")
        }
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
