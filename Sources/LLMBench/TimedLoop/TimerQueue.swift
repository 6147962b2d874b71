import HeapModule

/// The timers of one `TimedEventLoop`, earliest first; equal deadlines in the order they were set.
struct TimerQueue {
    private struct Entry: Comparable {
        let deadline: UInt64
        let order: UInt64
        let timer: ScheduledTimer

        static func < (a: Entry, b: Entry) -> Bool { (a.deadline, a.order) < (b.deadline, b.order) }
        static func == (a: Entry, b: Entry) -> Bool { a.order == b.order }
    }

    private var heap = Heap<Entry>()
    private var nextOrder: UInt64 = 0

    /// The earliest deadline of a timer not yet run, cancelled ones included.
    var nextDeadline: UInt64? { heap.min?.deadline }

    mutating func insert(_ timer: ScheduledTimer) {
        heap.insert(Entry(deadline: timer.deadline, order: nextOrder, timer: timer))
        nextOrder &+= 1
    }

    /// Takes out, in deadline order, every timer due at `now` that was not cancelled: the loop
    /// runs them after, so timers they set wait for a later round.
    mutating func removeDue(now: UInt64) -> [ScheduledTimer] {
        var due: [ScheduledTimer] = []
        while let first = heap.min, first.deadline <= now {
            if !first.timer.isCancelled { due.append(first.timer) }
            heap.removeMin()
        }
        return due
    }

    /// Takes out every timer, unrun, earliest first.
    mutating func removeAll() -> [ScheduledTimer] {
        var all: [ScheduledTimer] = []
        while let first = heap.popMin() { all.append(first.timer) }
        return all
    }
}
