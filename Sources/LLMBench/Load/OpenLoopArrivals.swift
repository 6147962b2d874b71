/// Where the open loop's arrivals come from: offsets from the case start, one after another.
protocol ArrivalOffsets {
    /// Nanoseconds from the case start to the next arrival, never earlier than the one before.
    mutating func nextOffsetNanoseconds() -> UInt64
}

extension ArrivalSchedule: ArrivalOffsets {
    /// The next drawn arrival, in nanoseconds.
    mutating func nextOffsetNanoseconds() -> UInt64 { UInt64(nextArrivalOffset() * 1e9) }
}

/// Arrivals at a fixed list of offsets (a trace's); past its end, the last again.
struct FixedArrivals: ArrivalOffsets {
    let offsetsNanoseconds: [UInt64]
    private var position = 0

    init(_ offsetsNanoseconds: [UInt64]) {
        self.offsetsNanoseconds = offsetsNanoseconds
    }

    mutating func nextOffsetNanoseconds() -> UInt64 {
        guard position < offsetsNanoseconds.count else { return offsetsNanoseconds.last ?? 0 }
        defer { position += 1 }
        return offsetsNanoseconds[position]
    }
}

/// The open loop's arrivals: those due and waiting to start, and the next one to come.
struct OpenLoopArrivals<Source: ArrivalOffsets> {
    var source: Source
    let caseStart: UInt64
    /// Arrivals to admit in all, the warm-up included (`Int.max`: until the duration ends).
    let total: Int
    /// The due times of arrivals that wait to start, oldest first.
    var waiting: [UInt64] = []
    /// When the next arrival is due.
    private(set) var nextDue: UInt64 = 0
    /// Arrivals admitted so far.
    private(set) var admitted = 0

    init(source: Source, caseStart: UInt64, total: Int) {
        self.source = source
        self.caseStart = caseStart
        self.total = total
        nextDue = drawDue()
    }

    /// Whether arrivals remain to admit.
    var hasMore: Bool { admitted < total }

    /// Moves the next arrival into `waiting` and draws the one after it.
    mutating func admitNext() {
        waiting.append(nextDue)
        admitted += 1
        nextDue = drawDue()
    }

    private mutating func drawDue() -> UInt64 { caseStart &+ source.nextOffsetNanoseconds() }
}
