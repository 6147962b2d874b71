import Testing

@testable import LLMBench

struct TimerQueueTests {
    @Test func dueTimersComeOutInDeadlineOrderAndEqualDeadlinesInTheOrderSet() {
        var queue = TimerQueue()
        var ran: [String] = []
        for (deadline, name) in [(30, "c"), (10, "a1"), (20, "b"), (10, "a2"), (40, "later")] {
            queue.insert(ScheduledTimer(deadline: UInt64(deadline)) { ran.append(name) })
        }
        #expect(queue.nextDeadline == 10)
        for timer in queue.removeDue(now: 30) { timer.run() }
        #expect(ran == ["a1", "a2", "b", "c"])
        #expect(queue.nextDeadline == 40)
    }

    @Test func aCancelledTimerIsDroppedUnrun() {
        var queue = TimerQueue()
        let cancelled = ScheduledTimer(deadline: 5) {}
        cancelled.isCancelled = true
        queue.insert(cancelled)
        queue.insert(ScheduledTimer(deadline: 6) {})
        #expect(queue.removeDue(now: 10).count == 1)
        #expect(queue.nextDeadline == nil)
    }
}
