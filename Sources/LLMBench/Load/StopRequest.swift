import Synchronization

/// Asks a running benchmark to stop sending new requests (e.g. on Ctrl-C); shared between the
/// signal handler and the runner.
public final class StopRequest: Sendable {
    private let isSet = Mutex(false)

    /// A request not yet made.
    public init() {}

    /// Whether a stop was asked for.
    public var isRequested: Bool { isSet.withLock { $0 } }

    /// Asks the benchmark to stop after the requests in flight.
    public func request() {
        isSet.withLock { $0 = true }
    }
}
