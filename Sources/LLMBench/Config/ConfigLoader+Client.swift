import Yams

/// The keys of the timed client: its event loops and the arrival times it uses.
extension ConfigLoader {
    /// `client_threads`: `auto` (one per two cores) or a count in `ClientThreads.range`; nil when absent.
    static func clientThreads(_ top: ConfigMapping, cores: Int) throws(ConfigError) -> Int? {
        guard let node = top.value("client_threads") else { return nil }
        if node.int == nil, let text = node.scalar?.string, text.lowercased() == "auto" {
            return ClientThreads.automatic(cores: cores)
        }
        guard node.int != nil else { throw top.wrongType("client_threads", node, expected: ClientThreads.rule) }
        return try ConfigMapping.int(
            node,
            name: "client_threads",
            in: ClientThreads.range,
            rule: "at least 1 (or auto)",
            file: top.file
        )
    }

    /// The timed client's settings: `client_threads` and `timestamps`.
    static func readClient(
        _ top: ConfigMapping,
        cores: Int,
        into config: inout BenchmarkConfig
    ) throws(ConfigError) {
        config.clientThreads = try clientThreads(top, cores: cores) ?? ClientThreads.automatic(cores: cores)
        config.timestamps = try choice("timestamps", in: top) ?? config.timestamps
    }
}
