import NIOCore
import NIOPosix

/// Hands finished exchanges to their waiting tasks without delaying the stamping of other
/// streams' bytes: one per event-loop thread, confined to it.
///
/// Waking a waiting task costs the loop several microseconds, about twice the work of a read.
/// When a batch of streams ends together (requests started together with the same length, as a
/// server's batch finishes), waking them as they end put ~5 ms of that work in front of the last
/// reads of the burst. Here reads come first: after an I/O round the loop wakes at most `chunk`
/// tasks if that round read anything, and all the rest once a round brings no read.
final class CompletionHandoff: @unchecked Sendable {
    /// The handoff of the calling event-loop thread.
    static var current: CompletionHandoff {
        if let handoff = perThread.currentValue { return handoff }
        let handoff = CompletionHandoff()
        perThread.currentValue = handoff
        return handoff
    }

    private static let perThread = ThreadSpecificVariable<CompletionHandoff>()

    /// Tasks woken per I/O round while reads are arriving.
    static let chunk = 16

    /// Set by every socket read of the loop; cleared when finished exchanges are handed over.
    var sawRead = false
    private var pending = CircularBuffer<(EventLoopPromise<HTTPExchange>, HTTPExchange)>()
    private var isScheduled = false

    /// A handoff of one's own; the loops use `current`.
    init() {}

    /// Completes `promise` with `answer` after the current I/O round, or later while reads keep
    /// the loop busy.
    func deliver(_ answer: HTTPExchange, to promise: EventLoopPromise<HTTPExchange>, on loop: any EventLoop) {
        pending.append((promise, answer))
        guard !isScheduled else { return }
        isScheduled = true
        // Runs once the loop has processed the I/O it is busy with.
        loop.execute { self.drain(on: loop) }
    }

    private func drain(on loop: any EventLoop) {
        var count = sawRead ? min(Self.chunk, pending.count) : pending.count
        sawRead = false
        while count > 0, let (promise, answer) = pending.popFirst() {
            promise.succeed(answer)
            count -= 1
        }
        guard !pending.isEmpty else {
            isScheduled = false
            return
        }
        // A task due now would run in this same tick; one due a moment later lets the loop poll
        // its sockets first.
        loop.scheduleTask(in: .microseconds(1)) { self.drain(on: loop) }
    }
}
