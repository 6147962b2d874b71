import Yams

extension ConfigLoader {
    /// What to write, said by every error of the key.
    private static let serverMetricsForms =
        "off (or false), auto, or a mapping such as {url: http://host:8000/metrics, interval_ms: 1000}"

    /// `server_metrics`: absent or `auto` reads `/metrics` at the server's root when it answers;
    /// `off` or `false` reads nothing; a mapping names the URLs (`url`, one or a list), the
    /// interval (`interval_ms`, 0 or at least 100) and the limit of one read (`timeout_ms`).
    static func serverMetricsSettings(_ top: ConfigMapping) throws(ConfigError) -> ServerMetricsSettings {
        guard let node = top.value("server_metrics") else { return ServerMetricsSettings() }
        if let scalar = node.scalar {
            if node.tag == Tag(.bool), let isOn = node.bool {
                return ServerMetricsSettings(source: isOn ? .automatic : .off)
            }
            switch scalar.string.lowercased() {
            case "off": return ServerMetricsSettings(source: .off)
            case "auto": return ServerMetricsSettings()
            default: throw top.wrongType("server_metrics", node, expected: serverMetricsForms)
            }
        }
        guard node.mapping != nil else { throw top.wrongType("server_metrics", node, expected: serverMetricsForms) }
        let mapping = try top.nested(node, path: "server_metrics")
        var settings = ServerMetricsSettings()
        if let urls = try serverMetricsURLs(mapping) { settings.source = .urls(urls) }
        if let interval = try mapping.int(
            "interval_ms",
            in: 0...3_600_000,
            rule: "0 (read only at each case's start and end) or at least 100 ms"
        ) {
            guard interval == 0 || interval >= 100 else {
                throw .outOfRange(
                    mapping.location(of: mapping.value("interval_ms")),
                    key: "server_metrics.interval_ms",
                    value: "\(interval)",
                    rule: "0 (read only at each case's start and end) or at least 100 ms"
                )
            }
            settings.intervalMilliseconds = interval
        }
        settings.timeoutMilliseconds =
            try mapping.int("timeout_ms", in: 100...600_000, rule: "at least 100 ms") ?? settings.timeoutMilliseconds
        try mapping.rejectUnreadKeys()
        return settings
    }

    /// `server_metrics.url`: one URL or a non-empty list of them; nil when absent.
    private static func serverMetricsURLs(_ mapping: ConfigMapping) throws(ConfigError) -> [ServerAddress]? {
        guard let node = mapping.value("url") else { return nil }
        let entries: [(node: Node, name: String)]
        if let sequence = node.sequence {
            guard !sequence.isEmpty else { throw mapping.emptyList("url", of: "metrics URL") }
            entries = sequence.enumerated().map { ($1, "server_metrics.url[\($0)]") }
        } else {
            entries = [(node, "server_metrics.url")]
        }
        var addresses: [ServerAddress] = []
        for (entry, name) in entries {
            addresses.append(try serverMetricsURL(entry, name: name, in: mapping))
        }
        return addresses
    }

    private static func serverMetricsURL(_ node: Node, name: String, in mapping: ConfigMapping) throws(ConfigError)
        -> ServerAddress
    {
        let expected = "an http:// or https:// URL such as http://host:8000/metrics"
        guard let text = node.scalar?.string else {
            throw .wrongType(
                mapping.location(of: node),
                key: name,
                expected: expected,
                found: ConfigMapping.describe(node)
            )
        }
        if let hidden = ServerAddress.credentialsHidden(in: text) {
            throw .wrongType(
                mapping.location(of: node),
                key: name,
                expected: "a URL without credentials (user:password@ is neither sent nor shown)",
                found: "'\(hidden)'"
            )
        }
        guard let address = ServerAddress(parsing: text) else {
            throw .wrongType(mapping.location(of: node), key: name, expected: expected, found: "'\(text)'")
        }
        return address
    }
}
