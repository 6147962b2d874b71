#if os(Linux)
    import Synchronization

    /// Lets another task abandon a `TimedSocketChannel` connect in progress: the losing attempts of
    /// a host's addresses once one has connected.
    final class ConnectCancellation: Sendable {
        private let state = Mutex<(channel: TimedSocketChannel?, isCancelled: Bool)>((nil, false))

        init() {}

        /// Abandons the connect: the socket closes and the connect fails with `CancellationError`.
        func cancel() {
            let channel = state.withLock { state in
                state.isCancelled = true
                return state.channel
            }
            channel?.abandonConnect()
        }

        /// Notes the channel being connected; false when the connect was already abandoned.
        func register(_ channel: TimedSocketChannel) -> Bool {
            state.withLock { state in
                state.channel = channel
                return !state.isCancelled
            }
        }
    }
#endif
