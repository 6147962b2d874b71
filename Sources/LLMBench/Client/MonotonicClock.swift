import NIOCore

/// The one clock of every timed measurement: CLOCK_MONOTONIC in nanoseconds.
///
/// The simulator stamps its events with the same clock, so client and server times on one
/// machine compare directly.
enum MonotonicClock {
    /// Now, in nanoseconds since an arbitrary fixed point.
    @inline(__always)
    static func now() -> UInt64 { NIODeadline.now().uptimeNanoseconds }
}
