import NIOCore

/// The arrival time of the bytes being processed, shared by the handlers of one channel.
///
/// Confined to the channel's event loop.
final class ArrivalStamp {
    /// When the current read's bytes arrived, in `MonotonicClock` nanoseconds: the kernel's
    /// receive time where the socket gives one (`source` is `.kernel`), else `userNanoseconds`.
    var nanoseconds: UInt64 = 0
    /// When the event loop read the current bytes off the socket, in `MonotonicClock` nanoseconds.
    var userNanoseconds: UInt64 = 0
    /// The clock `nanoseconds` was read from.
    var source = TimestampSource.user
    /// Reads before the current one that emptied the socket (read less than their buffer holds):
    /// two token events whose reads have the same count arrived with no wait between them.
    var drainsBefore = 0
    /// Whether the current read emptied the socket.
    var isDraining = false

    /// Notes a read the loop made at `user` of bytes the kernel received at `kernel` (both on
    /// `MonotonicClock`; nil where the socket gives no stamp); `emptiedSocket` when it read less
    /// than its buffer holds.
    func noteRead(at user: UInt64, kernel: UInt64?, emptiedSocket: Bool) {
        userNanoseconds = user
        if let kernel {
            nanoseconds = min(kernel, user)
            source = .kernel
        } else {
            nanoseconds = user
            source = .user
        }
        if isDraining { drainsBefore &+= 1 }
        isDraining = emptiedSocket
    }

    /// How much later the loop read the current bytes than the kernel received them (`noteRead`
    /// keeps the kernel time at or before the read); nil for a user stamp.
    var clientLagNanoseconds: UInt64? {
        source == .kernel ? userNanoseconds - nanoseconds : nil
    }
}
