#if os(Linux)
    import Dispatch
    import NIOCore
    import Synchronization

    /// The timed path's event loops (`client_threads` of them), handed out in turn so connections
    /// spread evenly; and whether their sockets give kernel receive stamps.
    final class TimedEventLoopGroup: EventLoopGroup, Sendable {
        private let loops: [TimedEventLoop]
        private let nextIndex = Atomic<Int>(0)
        /// Why a socket went without kernel stamps, the first time one did.
        let refusal = KernelTimestampRefusal()

        /// Starts `threads` loops (at least one) whose connections ask for kernel receive stamps
        /// when `receiveTimestamps`.
        init(threads: Int, receiveTimestamps: Bool) throws(TimedLoopError) {
            var loops: [TimedEventLoop] = []
            for _ in 0..<max(1, threads) {
                do {
                    loops.append(try TimedEventLoop(receiveTimestamps: receiveTimestamps, refusal: refusal))
                } catch {
                    for loop in loops { loop.shutdownGracefully { _ in } }
                    throw error
                }
            }
            self.loops = loops
        }

        /// The next loop in turn.
        func nextTimedLoop() -> TimedEventLoop {
            loops[nextIndex.wrappingAdd(1, ordering: .relaxed).oldValue % loops.count]
        }

        func next() -> any EventLoop { nextTimedLoop() }

        func makeIterator() -> EventLoopIterator { EventLoopIterator(loops) }

        func shutdownGracefully(queue: DispatchQueue, _ callback: @escaping @Sendable ((any Error)?) -> Void) {
            let remaining = Atomic<Int>(loops.count)
            for loop in loops {
                loop.shutdownGracefully(queue: queue) { _ in
                    if remaining.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 { callback(nil) }
                }
            }
        }
    }
#endif
