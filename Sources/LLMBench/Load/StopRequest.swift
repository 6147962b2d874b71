import Synchronization

/// Asks a running benchmark to stop sending new requests (e.g. on Ctrl-C); shared between the
/// signal handler and the runner, which also marks here when timed requests begin.
public final class StopRequest: Sendable {
    private struct State {
        var isRequested = false
        var isMeasuring = false
    }

    private let state = Mutex(State())

    /// A request not yet made.
    public init() {}

    /// Whether a stop was asked for.
    var isRequested: Bool { state.withLock { $0.isRequested } }

    /// Whether the preflight and phase 1 are over and timed requests may have started.
    var isMeasuring: Bool { state.withLock { $0.isMeasuring } }

    /// Asks the benchmark to stop after the requests in flight. Returns whether measuring had
    /// begun; when not, nothing is lost by cancelling the benchmark at once.
    @discardableResult
    public func request() -> Bool {
        state.withLock { state in
            state.isRequested = true
            return state.isMeasuring
        }
    }

    /// Marks the end of the untimed preparation; false when a stop was asked for first.
    func beginMeasuring() -> Bool {
        state.withLock { state in
            guard !state.isRequested else { return false }
            state.isMeasuring = true
            return true
        }
    }
}
