/// Which clock an event's arrival time was read from.
public enum TimestampSource: String, Sendable, Equatable, CaseIterable {
    /// The kernel's receive time of the last segment the read copied (`SO_TIMESTAMPNS`), converted
    /// to `MonotonicClock`: the client's own scheduling delay is not in it.
    case kernel
    /// The time the event loop processed the read: late by as long as the loop was busy.
    case user
}
