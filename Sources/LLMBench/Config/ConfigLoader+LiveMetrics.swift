import Yams

/// The `metrics_port` key: where the live metrics of the run are served.
extension ConfigLoader {
    /// `metrics_port`: a port (`9464`; `0` picks a free one) or `"HOST:PORT"`; nil when absent.
    static func liveMetricsAddress(_ top: ConfigMapping) throws(ConfigError) -> LiveMetricsAddress? {
        guard let node = top.value("metrics_port") else { return nil }
        guard let text = node.scalar?.string else {
            throw top.wrongType("metrics_port", node, expected: "a port number or \"HOST:PORT\"")
        }
        guard let address = LiveMetricsAddress(parsing: text) else {
            throw .outOfRange(
                top.location(of: node),
                key: "metrics_port",
                value: "'\(text)'",
                rule: LiveMetricsAddress.rule
            )
        }
        return address
    }
}
