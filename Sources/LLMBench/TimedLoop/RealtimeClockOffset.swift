#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How far `CLOCK_REALTIME` (the clock of the kernel's receive stamps) is ahead of
/// `MonotonicClock`, read as a pair of clock readings taken together.
///
/// Confined to one event loop, which refreshes it once per round of I/O: the two clocks drift
/// apart only by NTP's slewing, at most half a millisecond per second.
struct RealtimeClockOffset {
    private var nanoseconds: Int64 = 0

    /// Reads both clocks again: monotonic before and after the realtime reading, so the pair is
    /// matched to within one clock read.
    mutating func refresh() {
        let before = MonotonicClock.now()
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let after = MonotonicClock.now()
        let realtime = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
        nanoseconds = realtime &- Int64(bitPattern: before / 2 + after / 2)
    }

    /// `realtime` (nanoseconds since the epoch) on `MonotonicClock`.
    func monotonic(fromRealtime realtime: UInt64) -> UInt64 {
        UInt64(bitPattern: Int64(bitPattern: realtime) &- nanoseconds)
    }
}
