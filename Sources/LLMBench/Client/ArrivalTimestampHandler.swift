import NIOCore

/// The first handler after the socket: reads the clock once per read, before TLS or HTTP
/// decoding, so every event parsed from those bytes carries the time they arrived, counts the reads
/// that emptied the socket, and tells the loop's `CompletionHandoff` that reads are coming.
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
        // NIO reads again at once only after a read that filled its buffer.
        stamp.noteRead(at: MonotonicClock.now(), kernel: nil, emptiedSocket: unwrapInboundIn(data).writableBytes > 0)
        handoff?.sawRead = true
        context.fireChannelRead(data)
    }
}
