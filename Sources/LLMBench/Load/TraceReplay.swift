/// A trace case's load: its requests due at the trace's offsets, scaled by 1/speed.
public struct TraceReplay: Sendable, Equatable {
    /// How fast the trace is replayed (2: twice as fast).
    public let speed: Double
    /// Each request's due time, in nanoseconds from the case start, in the trace's order.
    let offsetsNanoseconds: [UInt64]

    init(speed: Double, offsetsNanoseconds: [UInt64]) {
        self.speed = speed
        self.offsetsNanoseconds = offsetsNanoseconds
    }

    /// Requests in the trace, warm-up included.
    public var requests: Int { offsetsNanoseconds.count }

    /// An offset of the trace's own time as replayed at `speed` (at most 2^62 ns, over a century).
    static func scaled(_ nanoseconds: UInt64, speed: Double) -> UInt64 {
        speed == 1 ? nanoseconds : UInt64(min((Double(nanoseconds) / speed).rounded(), 0x1p62))
    }

    /// The trace's mean arrival rate as replayed, requests per second; nil when all arrive at once.
    var meanRate: Double? {
        guard let first = offsetsNanoseconds.first, let last = offsetsNanoseconds.last, last > first else { return nil }
        return Double(offsetsNanoseconds.count - 1) / (Double(last - first) * 1e-9)
    }

    /// The most requests due within any one second of the replay.
    var peakRequestsPerSecond: Int {
        var peak = 0
        var start = 0
        for (end, offset) in offsetsNanoseconds.enumerated() {
            while offset - offsetsNanoseconds[start] >= 1_000_000_000 { start += 1 }
            peak = max(peak, end - start + 1)
        }
        return peak
    }
}
