#if os(Linux)
    import NIOCore

    extension HTTPConnection {
        /// How long an attempt on one of the host's addresses runs alone before the next starts beside
        /// it (Happy Eyeballs, RFC 8305's recommended delay, as NIO's bootstrap does).
        static let nextAddressDelay = Duration.milliseconds(250)

        /// Connects a `TimedSocketChannel` to the first of the host's addresses that accepts within
        /// `timeout` (all tries together): the next address starts when one fails or has run for
        /// `nextAddressDelay`, so an address that drops connections silently does not hold the rest
        /// up; the last refusal is the error.
        static func openTimedChannel(
            to address: ServerAddress,
            on loop: TimedEventLoop,
            timeout: TimeAmount?,
            handlers: @escaping @Sendable (any Channel, ArrivalStamp?) throws -> Void
        ) async throws -> any Channel {
            let addresses = try await HostAddresses.resolve(host: address.host, port: address.port)
            let deadline = timeout.map { NIODeadline.now() + $0 }
            let attempt: @Sendable (SocketAddress) async throws -> TimedSocketChannel = { socketAddress in
                let remaining = deadline.map { $0 - .now() }
                if let remaining, remaining <= .zero { throw ChannelError.connectTimeout(remaining) }
                let cancellation = ConnectCancellation()
                return try await withTaskCancellationHandler {
                    try await TimedSocketChannel.connect(
                        to: socketAddress,
                        on: loop,
                        timeout: remaining,
                        cancellation: cancellation
                    ).get()
                } onCancel: {
                    cancellation.cancel()
                }
            }
            let channel = try await firstConnected(of: addresses, attempt: attempt)
            // Only the winner gets handlers, so a losing attempt can never settle the TLS handshake's promise.
            do {
                try await loop.submit { try handlers(channel, channel.stamp) }.get()
            } catch {
                channel.close(promise: nil)
                throw error
            }
            return channel
        }

        /// What a child of `firstConnected` came to.
        enum AttemptOutcome: Sendable {
            case connected(TimedSocketChannel)
            case failed(any Error)
            /// The attempt `index` has run for `nextAddressDelay`.
            case delayPassed(index: Int)
        }

        /// Runs `attempt` over `addresses`, staggered; the first channel wins and any later one is closed.
        static func firstConnected(
            of addresses: [SocketAddress],
            attempt: @escaping @Sendable (SocketAddress) async throws -> TimedSocketChannel
        ) async throws -> TimedSocketChannel {
            try await withThrowingTaskGroup(of: AttemptOutcome.self) { group in
                var started = 0
                var running = 0
                var lastError: any Error = ChannelError.connectPending
                func startNext() {
                    guard started < addresses.count else { return }
                    let address = addresses[started]
                    let index = started
                    started += 1
                    running += 1
                    group.addTask {
                        do { return .connected(try await attempt(address)) } catch { return .failed(error) }
                    }
                    if started < addresses.count {
                        group.addTask {
                            try? await Task.sleep(for: nextAddressDelay)
                            return .delayPassed(index: index)
                        }
                    }
                }
                startNext()
                while let outcome = try await group.next() {
                    switch outcome {
                    case .connected(let channel):
                        group.cancelAll()
                        while let late = try await group.next() {
                            if case .connected(let other) = late { other.close(promise: nil) }
                        }
                        return channel
                    case .failed(let error):
                        lastError = error
                        running -= 1
                        startNext()
                        if running == 0, started == addresses.count { throw lastError }
                    case .delayPassed(let index):
                        if index == started - 1 { startNext() }
                    }
                }
                throw lastError
            }
        }
    }
#endif
