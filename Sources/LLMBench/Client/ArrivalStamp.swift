import NIOCore

/// The arrival time of the bytes being processed, shared by the handlers of one channel.
///
/// Confined to the channel's event loop.
final class ArrivalStamp {
    /// When the current read's bytes came off the socket, in `MonotonicClock` nanoseconds.
    var nanoseconds: UInt64 = 0
    /// Reads before the current one that emptied the socket (read less than their buffer holds):
    /// two token events whose reads have the same count arrived with no wait between them.
    var drainsBefore = 0
    /// Whether the current read emptied the socket.
    var isDraining = false
}
