/// A task due at a deadline on a `TimedEventLoop`; confined to that loop.
final class ScheduledTimer: @unchecked Sendable {
    /// When it is due, in `MonotonicClock` nanoseconds.
    let deadline: UInt64
    /// Set when cancelled: the queue drops it instead of running it.
    var isCancelled = false
    let run: () -> Void

    init(deadline: UInt64, run: @escaping () -> Void) {
        self.deadline = deadline
        self.run = run
    }
}
