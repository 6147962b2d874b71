/// The `server_metrics` key: whether and where the server's own Prometheus `/metrics` are read
/// while each case runs.
public struct ServerMetricsSettings: Sendable, Equatable {
    /// Which URLs are read.
    public enum Source: Sendable, Equatable {
        /// The key is absent: `/metrics` at the root of `base_url` (or of the embedded simulator),
        /// read only when the preflight finds it answering Prometheus text.
        case automatic
        /// `off` or `false`: nothing is read.
        case off
        /// `url:` given: these URLs, each warned about and dropped when the preflight cannot read it.
        case urls([ServerAddress])
    }

    /// The default `interval_ms`.
    public static let defaultIntervalMilliseconds = 1000
    /// The default `timeout_ms`.
    public static let defaultTimeoutMilliseconds = 5000

    public var source: Source
    /// `interval_ms`: time between the rounds read while a case runs; 0 reads only at each case's
    /// start and end.
    public var intervalMilliseconds: Int
    /// `timeout_ms`: the longest one read may take before it counts as failed.
    public var timeoutMilliseconds: Int

    /// Settings of `source`, with the default interval and timeout unless given.
    public init(
        source: Source = .automatic,
        intervalMilliseconds: Int = Self.defaultIntervalMilliseconds,
        timeoutMilliseconds: Int = Self.defaultTimeoutMilliseconds
    ) {
        self.source = source
        self.intervalMilliseconds = intervalMilliseconds
        self.timeoutMilliseconds = timeoutMilliseconds
    }
}

extension ServerMetricsSettings: Encodable {
    private enum CodingKeys: String, CodingKey {
        case url
        case intervalMilliseconds = "interval_ms"
        case timeoutMilliseconds = "timeout_ms"
    }

    /// `off`, or the mapping of the key as written (`url` absent for the automatic choice).
    public func encode(to encoder: any Encoder) throws {
        if source == .off {
            var container = encoder.singleValueContainer()
            try container.encode("off")
            return
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        if case .urls(let addresses) = source {
            try container.encode(addresses.map(\.description), forKey: .url)
        }
        try container.encode(intervalMilliseconds, forKey: .intervalMilliseconds)
        try container.encode(timeoutMilliseconds, forKey: .timeoutMilliseconds)
    }
}
