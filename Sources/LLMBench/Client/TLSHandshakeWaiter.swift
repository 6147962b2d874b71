import NIOCore
import NIOSSL
import NIOTLS

/// Completes its promise when the TLS handshake of its channel ends, so a connection is handed
/// out only once TLS works and a certificate problem is reported as such, before any request.
///
/// The promise is made before the channel, so the caller waits on it however early the channel
/// closes (looking the handler up after a quick failure would find it already removed).
final class TLSHandshakeWaiter: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    /// Succeeds on a finished handshake; fails with the TLS error, a timeout or a closed connection.
    private var promise: EventLoopPromise<Void>?
    private let timeout: TimeAmount?
    private var timer: Scheduled<Void>?

    init(promise: EventLoopPromise<Void>, timeout: TimeAmount?) {
        self.promise = promise
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if let timeout {
            timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
                finish(.failure(ChannelError.connectTimeout(timeout)))
                context.close(promise: nil)
            }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event { finish(.success(())) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        finish(.failure(error))
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(.failure(ChannelError.ioOnClosedChannel))
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        finish(.failure(ChannelError.ioOnClosedChannel))
    }

    private func finish(_ result: Result<Void, any Error>) {
        timer?.cancel()
        timer = nil
        promise?.completeWith(result)
        promise = nil
    }
}
