import NIOCore
import NIOSSL
import NIOTLS

/// Completes `handshake` when the TLS handshake of its channel ends, so a connection is handed
/// out only once TLS works and a certificate problem is reported as such, before any request.
final class TLSHandshakeWaiter: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    /// Succeeds on a finished handshake; fails with the TLS error, a timeout or a closed connection.
    private(set) var handshake: EventLoopFuture<Void>?
    private var promise: EventLoopPromise<Void>?
    private let timeout: TimeAmount?
    private var timer: Scheduled<Void>?

    init(timeout: TimeAmount?) {
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let promise = context.eventLoop.makePromise(of: Void.self)
        self.promise = promise
        handshake = promise.futureResult
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

    private func finish(_ result: Result<Void, any Error>) {
        timer?.cancel()
        timer = nil
        promise?.completeWith(result)
        promise = nil
    }
}
