/// Where the benchmark sends its requests.
public enum Endpoint: Sendable, Equatable, CustomStringConvertible {
    /// The simulated server, started in-process on 127.0.0.1 with an ephemeral port.
    case embedded
    /// A server at this address.
    case remote(ServerAddress)

    /// The address as the user wrote it, or `embedded`.
    public var description: String {
        switch self {
        case .embedded: "embedded"
        case .remote(let address): address.description
        }
    }
}

/// The parsed form of a `base_url` such as `http://host:8000/v1`.
public struct ServerAddress: Sendable, Equatable, CustomStringConvertible {
    /// Whether requests use TLS.
    public var isTLS: Bool
    /// Host name or IP address.
    public var host: String
    /// TCP port.
    public var port: Int
    /// The path prefix, without a trailing slash (e.g. `/v1`, or empty).
    public var basePath: String

    /// Creates an address.
    public init(isTLS: Bool, host: String, port: Int, basePath: String) {
        self.isTLS = isTLS
        self.host = host
        self.port = port
        self.basePath = basePath
    }

    /// Parses `http[s]://host[:port][/path]`; nil when the text is not such a URL.
    public init?(parsing text: String) {
        let isTLS: Bool
        var rest: Substring
        if text.lowercased().hasPrefix("http://") {
            isTLS = false
            rest = text.dropFirst("http://".count)
        } else if text.lowercased().hasPrefix("https://") {
            isTLS = true
            rest = text.dropFirst("https://".count)
        } else {
            return nil
        }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        rest = rest[authorityEnd...]
        if let query = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            rest = rest[..<query]
        }
        var host = Substring(authority)
        var port = isTLS ? 443 : 80
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            let after = host[host.index(after: close)...]
            host = host[host.index(after: host.startIndex)..<close]
            if after.hasPrefix(":") {
                guard let parsed = Int(after.dropFirst()), (1...65535).contains(parsed) else { return nil }
                port = parsed
            } else if !after.isEmpty {
                return nil
            }
        } else if let colon = host.lastIndex(of: ":") {
            guard let parsed = Int(host[host.index(after: colon)...]), (1...65535).contains(parsed) else {
                return nil
            }
            port = parsed
            host = host[..<colon]
        }
        guard !host.isEmpty, !host.contains("@") else { return nil }
        var path = String(rest)
        while path.hasSuffix("/") { path.removeLast() }
        self.init(isTLS: isTLS, host: String(host), port: port, basePath: path)
    }

    /// The `Host` header value.
    public var hostHeader: String {
        let defaultPort = isTLS ? 443 : 80
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return port == defaultPort ? bracketed : "\(bracketed):\(port)"
    }

    /// The server root URL without the base path, e.g. `http://host:8000`.
    public var rootURL: String { "\(isTLS ? "https" : "http")://\(hostHeader)" }

    /// The URL as given: scheme, host, port and base path.
    public var description: String { rootURL + basePath }
}
