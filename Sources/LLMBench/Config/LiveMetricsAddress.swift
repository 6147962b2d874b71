import Foundation

/// Where the benchmark serves its live metrics (`metrics_port`, `--metrics-port`): a port on
/// 127.0.0.1, or a host and port.
public struct LiveMetricsAddress: Sendable, Equatable, CustomStringConvertible {
    /// The host or IP address to listen on.
    public var host: String
    /// The TCP port; 0 lets the system pick a free one.
    public var port: Int

    /// The host the endpoint listens on when only a port is given.
    public static let defaultHost = "127.0.0.1"

    /// What `metrics_port` and `--metrics-port` accept, for messages.
    public static let rule = "a port from 0 to 65535 (0 picks a free one), or HOST:PORT such as 0.0.0.0:9464"

    /// Creates an address.
    public init(host: String = Self.defaultHost, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `PORT`, `HOST:PORT` or `[IPv6]:PORT`; nil when `text` is none of them or the port is
    /// out of range.
    public init?(parsing text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard let colon = text.lastIndex(of: ":") else {
            guard let port = Self.port(text) else { return nil }
            self.init(port: port)
            return
        }
        var host = Substring(text[..<colon])
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), host.count > 2 else { return nil }
            host = host.dropFirst().dropLast()
        } else if host.contains(":") {
            return nil
        }
        guard !host.isEmpty, !host.contains(where: \.isWhitespace),
            let port = Self.port(text[text.index(after: colon)...])
        else { return nil }
        self.init(host: String(host), port: port)
    }

    /// `host:port`, with an IPv6 address in brackets; read back by ``init(parsing:)``.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The page's URL, for messages.
    public var url: String { "http://\(description)/metrics" }

    private static func port(_ text: some StringProtocol) -> Int? {
        guard !text.isEmpty, text.count <= 5, text.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(text),
            (0...65_535).contains(port)
        else { return nil }
        return port
    }
}
