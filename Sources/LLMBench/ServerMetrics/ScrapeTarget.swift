import NIOHTTP1

/// One metrics URL as the scraper reads it: where it is and which headers go with it.
struct ScrapeTarget: Sendable, Equatable {
    /// The URL; its path (with the query) is the request target.
    let address: ServerAddress
    /// Whether the config's API key and headers are sent: only to `base_url`'s own host and port,
    /// so a key never reaches another server.
    let sendsCredentials: Bool

    /// The target of `address`, sending credentials when it is on `server`'s host and port.
    init(_ address: ServerAddress, server: ServerAddress) {
        self.address = address
        sendsCredentials =
            address.host.lowercased() == server.host.lowercased() && address.port == server.port
            && address.isTLS == server.isTLS
    }

    /// `/metrics` at the root of `server`: the automatic choice.
    static func automatic(for server: ServerAddress) -> ScrapeTarget {
        ScrapeTarget(
            ServerAddress(isTLS: server.isTLS, host: server.host, port: server.port, basePath: "/metrics"),
            server: server
        )
    }

    /// The URL as written in files and messages.
    var url: String { address.description }

    /// The `GET` of the page, with `apiKey` and `headers` when `sendsCredentials`.
    func head(apiKey: APIKey?, headers extraHeaders: [String: String]) -> HTTPRequestHead {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: address.hostHeader)
        headers.add(name: "User-Agent", value: "llm-bench/\(LLMBenchVersion.current)")
        headers.add(name: "Accept", value: "text/plain;version=0.0.4, application/openmetrics-text;q=0.5, */*;q=0.1")
        headers.add(name: "Accept-Encoding", value: "identity")
        if sendsCredentials {
            if let apiKey { headers.add(name: "Authorization", value: "Bearer \(apiKey.value)") }
            for (name, value) in extraHeaders.sorted(by: { $0.key < $1.key }) {
                headers.replaceOrAdd(name: name, value: value)
            }
        }
        let target = address.target(of: "")
        return HTTPRequestHead(
            version: .http1_1,
            method: .GET,
            uri: target.isEmpty || target.hasPrefix("?") ? "/" + target : target,
            headers: headers
        )
    }
}
