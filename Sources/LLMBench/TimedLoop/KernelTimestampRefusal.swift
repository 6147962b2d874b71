import Synchronization

/// Why timed reads went without kernel receive stamps, the first reason only, shared by the
/// loops of one group so the run can say it once.
final class KernelTimestampRefusal: Sendable {
    private let state = Mutex<(reason: String?, isAnnounced: Bool)>((nil, false))

    /// No refusal yet; or `reason` from the start (a platform without the stamps).
    init(reason: String? = nil) {
        state.withLock { $0.reason = reason }
    }

    /// Notes that a socket refused `SO_TIMESTAMPNS` with `code`; only the first reason is kept.
    func noteRefused(errno code: Int32) {
        let reason = "a socket refused SO_TIMESTAMPNS (\(ConnectErrorText.describe(errno: code)))"
        state.withLock { state in
            if state.reason == nil { state.reason = reason }
        }
    }

    /// The reason, the first time it is asked for once there is one; nil after that.
    func announce() -> String? {
        state.withLock { state in
            guard let reason = state.reason, !state.isAnnounced else { return nil }
            state.isAnnounced = true
            return reason
        }
    }
}
