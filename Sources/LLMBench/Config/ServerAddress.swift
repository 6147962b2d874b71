/// The parsed form of a `base_url` such as `http://host:8000/v1` or
/// `https://host/openai?api-version=2024-02-01`.
public struct ServerAddress: Sendable, Equatable, CustomStringConvertible {
    /// Whether requests use TLS.
    public var isTLS: Bool
    /// Host name or IP address.
    public var host: String
    /// TCP port.
    public var port: Int
    /// The path prefix, without a trailing slash (e.g. `/v1`, or empty).
    public var basePath: String
    /// The query string without its `?` (e.g. `api-version=2024-02-01`, or empty), sent with every request.
    public var query: String

    /// Creates an address.
    public init(isTLS: Bool, host: String, port: Int, basePath: String, query: String = "") {
        self.isTLS = isTLS
        self.host = host
        self.port = port
        self.basePath = basePath
        self.query = query
    }

    /// `text` with the credentials of its authority (`user:password@`) replaced by
    /// `<redacted>`, or nil when it holds none.
    static func credentialsHidden(in text: String) -> String? {
        guard let scheme = text.firstRange(of: "://") else { return nil }
        let authorityEnd = text[scheme.upperBound...].firstIndex { "/?#".contains($0) } ?? text.endIndex
        guard let at = text[scheme.upperBound..<authorityEnd].lastIndex(of: "@") else { return nil }
        return String(text[..<scheme.upperBound]) + "<redacted>" + String(text[at...])
    }

    /// Parses `http[s]://host[:port][/path][?query]`, dropping a `#fragment`; nil when the text is
    /// not such a URL.
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
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        var query = ""
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
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
        self.init(isTLS: isTLS, host: String(host), port: port, basePath: path, query: query)
    }

    /// The `Host` header value.
    var hostHeader: String {
        let defaultPort = isTLS ? 443 : 80
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return port == defaultPort ? bracketed : "\(bracketed):\(port)"
    }

    /// The server root URL without the base path, e.g. `http://host:8000`.
    var rootURL: String { "\(isTLS ? "https" : "http")://\(hostHeader)" }

    /// The request target of `path` under the base path, with the query: `/v1/completions?api-version=…`.
    public func target(of path: String, isRootPath: Bool = false) -> String {
        let target = (isRootPath ? "" : basePath) + path
        return query.isEmpty ? target : target + "?" + query
    }

    /// The URL as given: scheme, host, port, base path and query.
    public var description: String { rootURL + basePath + (query.isEmpty ? "" : "?" + query) }
}
