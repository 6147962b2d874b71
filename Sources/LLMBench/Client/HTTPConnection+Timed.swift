#if os(Linux)
    import NIOCore

    extension HTTPConnection {
        /// Connects a `TimedSocketChannel` to the first of the host's addresses that accepts within
        /// `timeout` (all tries together), as NIO's bootstrap does; the last refusal is the error.
        static func openTimedChannel(
            to address: ServerAddress,
            on loop: TimedEventLoop,
            timeout: TimeAmount?,
            handlers: @escaping @Sendable (any Channel, ArrivalStamp?) throws -> Void
        ) async throws -> any Channel {
            let deadline = timeout.map { NIODeadline.now() + $0 }
            var lastError: any Error = ChannelError.connectTimeout(timeout ?? .zero)
            for socketAddress in try await HostAddresses.resolve(host: address.host, port: address.port) {
                let remaining = deadline.map { $0 - .now() }
                if let remaining, remaining <= .zero, let timeout { throw ChannelError.connectTimeout(timeout) }
                do {
                    let connected = try await TimedSocketChannel.connect(
                        to: socketAddress,
                        on: loop,
                        receiveTimestamps: loop.receiveTimestamps,
                        timeout: remaining
                    ) { channel in try handlers(channel, channel.stamp) }.get()
                    if let code = connected.timestampError { loop.refusal.noteRefused(errno: code) }
                    return connected.channel
                } catch let error as ChannelError where error == .connectTimeout(remaining ?? .zero) {
                    throw ChannelError.connectTimeout(timeout ?? .zero)
                } catch {
                    lastError = error
                }
            }
            throw lastError
        }
    }
#endif
