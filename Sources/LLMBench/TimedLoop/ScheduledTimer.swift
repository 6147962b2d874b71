/// A task due at a deadline on a `TimedEventLoop`; confined to that loop.
final class ScheduledTimer: @unchecked Sendable {
    /// When it is due, in `MonotonicClock` nanoseconds.
    let deadline: UInt64
    /// Set when cancelled: the queue drops it instead of running it.
    var isCancelled = false
    let run: () -> Void
    /// Fails the task's promise instead, when the loop stops before it is due.
    let fail: (any Error) -> Void

    init(deadline: UInt64, run: @escaping () -> Void, fail: @escaping (any Error) -> Void = { _ in }) {
        self.deadline = deadline
        self.run = run
        self.fail = fail
    }
}
