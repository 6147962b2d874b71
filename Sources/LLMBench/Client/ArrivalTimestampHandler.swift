import NIOCore

/// The arrival time of the bytes being processed, shared by the handlers of one channel.
///
/// Confined to the channel's event loop.
final class ArrivalStamp {
    /// When the current read's bytes came off the socket, in `MonotonicClock` nanoseconds.
    var nanoseconds: UInt64 = 0
}

/// The first handler after the socket: reads the clock once per read, before TLS or HTTP
/// decoding, so every event parsed from those bytes carries the time they arrived, and tells the
/// loop's `CompletionHandoff` that reads are coming.
final class ArrivalTimestampHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let stamp: ArrivalStamp
    private var handoff: CompletionHandoff?

    init(stamp: ArrivalStamp) {
        self.stamp = stamp
    }

    func handlerAdded(context: ChannelHandlerContext) {
        handoff = CompletionHandoff.current
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        stamp.nanoseconds = MonotonicClock.now()
        handoff?.sawRead = true
        context.fireChannelRead(data)
    }
}
