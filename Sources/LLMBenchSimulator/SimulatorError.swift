/// Errors of the simulated server's own life cycle (requests never throw: they get HTTP errors).
public enum SimulatorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An option has a value the server cannot work with.
    case invalidOption(name: String, value: String, reason: String)
    /// The listening socket could not be bound.
    case bindFailed(host: String, port: Int, reason: String)

    /// A sentence that tells the user what went wrong and what to do.
    public var description: String {
        switch self {
        case .invalidOption(let name, let value, let reason):
            return "The simulator option \(name) = \(value) is not usable: \(reason)."
        case .bindFailed(let host, let port, let reason):
            return "The simulator could not listen on \(host):\(port) (\(reason)); choose another port or use 0."
        }
    }
}
