import Synchronization

/// The first reason a timed socket went without kernel receive stamps, shared by the loops of
/// one group so the run can say it once.
final class KernelTimestampRefusal: Sendable {
    private let reason = Mutex<String?>(nil)

    init() {}

    /// The first reason noted, if any.
    var firstReason: String? { reason.withLock { $0 } }

    /// Notes that a socket refused `SO_TIMESTAMPNS` with `code`; only the first is kept.
    func noteRefused(errno code: Int32) {
        reason.withLock { reason in
            if reason == nil {
                reason = "the socket refused SO_TIMESTAMPNS (\(ConnectErrorText.describe(errno: code)))"
            }
        }
    }
}
