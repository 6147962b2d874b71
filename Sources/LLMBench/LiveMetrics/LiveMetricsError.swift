/// Why the live metrics endpoint could not be served; raised before anything is measured.
public enum LiveMetricsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The address could not be bound: the port is taken, the host is not this machine's, or
    /// the port needs privileges.
    case bindFailed(LiveMetricsAddress, reason: String)

    /// A sentence that tells the user what went wrong and what to do.
    public var description: String {
        switch self {
        case .bindFailed(let address, let reason):
            "the live metrics could not be served on \(address) (\(reason)): choose another port with "
                + "--metrics-port or metrics_port (0 picks a free one), or stop what listens there; nothing was measured"
        }
    }
}
