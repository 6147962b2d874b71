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
