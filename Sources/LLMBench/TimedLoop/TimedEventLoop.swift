#if os(Linux)
    import Dispatch
    import Foundation
    import CLinuxEvents
    import Glibc
    import NIOCore
    import Synchronization

    /// An event loop of the timed path's own (Linux): one thread waiting in `epoll` on the sockets of
    /// its `TimedSocketChannel`s, which read with `recvmsg` to receive the kernel's receive stamp of
    /// every read; tasks and timers as any NIO loop runs them, so NIO's HTTP/1.1 decoder,
    /// swift-nio-ssl and the timed handler work unchanged in the channels' pipelines.
    ///
    /// One round: wait for readiness (not at all when tasks are queued, and only until the next
    /// timer), read every ready socket, run the timers that are due, then the queued tasks. Work
    /// queued from the loop's own thread in a round runs in the next, after its sockets were polled
    /// again (`CompletionHandoff` relies on that).
    final class TimedEventLoop: EventLoop, @unchecked Sendable {
        /// The `epoll` instance of the loop's sockets.
        private let epoll: Int32
        /// An `eventfd` written to wake the loop when work is queued from another thread.
        private let wakeup: Int32
        private let queued = Mutex<[@Sendable () -> Void]>([])
        private let threadID = Atomic<UInt>(0)
        private let isStopping = Atomic<Bool>(false)
        private let shutdownCallbacks = Mutex<[(DispatchQueue, @Sendable ((any Error)?) -> Void)]>([])
        /// The loop's channels by descriptor; confined to the loop.
        private var channels: [Int32: TimedSocketChannel] = [:]
        private var timers = TimerQueue()
        /// The clocks' offset for this round's kernel stamps; confined to the loop.
        private(set) var clockOffset = RealtimeClockOffset()
        /// Scratch space for each read's control messages; confined to the loop.
        let controlBuffer = UnsafeMutableRawBufferPointer.allocate(
            byteCount: ReceiveTimestampMessage.controlBufferBytes,
            alignment: 8
        )

        /// Whether its connections ask for kernel receive stamps.
        let receiveTimestamps: Bool
        /// Where a socket's refusal of kernel stamps is noted.
        let refusal: KernelTimestampRefusal

        /// Starts a loop on a thread of its own.
        init(receiveTimestamps: Bool, refusal: KernelTimestampRefusal = KernelTimestampRefusal()) throws(TimedLoopError)
        {
            self.receiveTimestamps = receiveTimestamps
            self.refusal = refusal
            epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
            guard epoll >= 0 else { throw .cannotStart(errno: errno, call: "epoll_create1") }
            wakeup = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
            guard wakeup >= 0 else {
                let code = errno
                Glibc.close(epoll)
                throw .cannotStart(errno: code, call: "eventfd")
            }
            var event = epoll_event()
            event.events = EPOLLIN.rawValue
            event.data.fd = wakeup
            epoll_ctl(epoll, EPOLL_CTL_ADD, wakeup, &event)
            let started = DispatchSemaphore(value: 0)
            let thread = Thread { [self] in
                threadID.store(UInt(pthread_self()), ordering: .releasing)
                started.signal()
                run()
            }
            thread.name = "llm-bench-timed-loop"
            thread.start()
            started.wait()
        }

        var inEventLoop: Bool { threadID.load(ordering: .acquiring) == UInt(pthread_self()) }

        func execute(_ task: @escaping @Sendable () -> Void) {
            let isFirst = queued.withLock { tasks in
                tasks.append(task)
                return tasks.count == 1
            }
            if isFirst, !inEventLoop { wake() }
        }

        func scheduleTask<T>(deadline: NIODeadline, _ task: @escaping @Sendable () throws -> T) -> Scheduled<T> {
            let promise: EventLoopPromise<T> = makePromise()
            let timer = ScheduledTimer(deadline: deadline.uptimeNanoseconds) {
                do { promise.assumeIsolated().succeed(try task()) } catch { promise.fail(error) }
            }
            let scheduled = Scheduled(promise: promise) { [self] in
                onLoop {
                    guard !timer.isCancelled else { return }
                    timer.isCancelled = true
                    promise.fail(EventLoopError.cancelled)
                }
            }
            onLoop { self.timers.insert(timer) }
            return scheduled
        }

        func scheduleTask<T>(in delay: TimeAmount, _ task: @escaping @Sendable () throws -> T) -> Scheduled<T> {
            scheduleTask(deadline: .now() + delay, task)
        }

        func shutdownGracefully(queue: DispatchQueue, _ callback: @escaping @Sendable ((any Error)?) -> Void) {
            shutdownCallbacks.withLock { $0.append((queue, callback)) }
            isStopping.store(true, ordering: .releasing)
            wake()
        }

        /// Runs `work` now when on the loop, else queues it.
        private func onLoop(_ work: @escaping @Sendable () -> Void) {
            if inEventLoop { work() } else { execute(work) }
        }

        private func wake() {
            var one: UInt64 = 1
            _ = write(wakeup, &one, 8)
        }

        // MARK: Channels

        /// Watches `channel`'s socket for `events` (`EPOLLIN`, `EPOLLOUT`); on the loop.
        func watch(_ channel: TimedSocketChannel, for events: UInt32, isNew: Bool) throws(TimedLoopError) {
            var event = epoll_event()
            event.events = events
            event.data.fd = channel.descriptor
            guard epoll_ctl(epoll, isNew ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, channel.descriptor, &event) == 0 else {
                throw .cannotWatch(errno: errno)
            }
            channels[channel.descriptor] = channel
        }

        /// Stops watching `channel`'s socket, before it is closed; on the loop.
        func unwatch(_ channel: TimedSocketChannel) {
            guard channels.removeValue(forKey: channel.descriptor) != nil else { return }
            epoll_ctl(epoll, EPOLL_CTL_DEL, channel.descriptor, nil)
        }

        // MARK: The loop

        private func run() {
            let capacity: Int32 = 512
            let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: Int(capacity))
            defer { events.deallocate() }
            while true {
                let ready = epoll_wait(epoll, events, capacity, waitMilliseconds())
                if ready < 0, errno != EINTR { fatalError("epoll_wait failed: errno \(errno)") }
                clockOffset.refresh()
                for index in 0..<Int(max(ready, 0)) {
                    let event = events[index]
                    if event.data.fd == wakeup {
                        var count: UInt64 = 0
                        _ = read(wakeup, &count, 8)
                    } else {
                        let channel = channels[event.data.fd]
                        channel?.handle(events: event.events)
                    }
                }
                for timer in timers.removeDue(now: MonotonicClock.now()) where !timer.isCancelled { timer.run() }
                let tasks = queued.withLock { tasks in
                    defer { tasks.removeAll(keepingCapacity: true) }
                    return tasks
                }
                for task in tasks { task() }
                if isStopping.load(ordering: .acquiring), tasks.isEmpty, queued.withLock({ $0.isEmpty }) { break }
            }
            stop()
        }

        /// How long the next wait may take: not at all with work queued or a timer due within a
        /// millisecond (epoll counts whole milliseconds), else until the next timer, or without end.
        private func waitMilliseconds() -> Int32 {
            if isStopping.load(ordering: .acquiring) || !queued.withLock({ $0.isEmpty }) { return 0 }
            guard let due = timers.nextDeadline else { return -1 }
            let now = MonotonicClock.now()
            guard due > now + 1_000_000 else { return 0 }
            return Int32(clamping: (due - now + 999_999) / 1_000_000)
        }

        /// Closes what is left once the loop has stopped, then tells whoever asked.
        private func stop() {
            for channel in channels.values { channel.close(promise: nil) }
            channels.removeAll()
            while case let tasks = queued.withLock({ tasks in
                defer { tasks.removeAll() }
                return tasks
            }), !tasks.isEmpty {
                for task in tasks { task() }
            }
            timers.cancelAll()
            controlBuffer.deallocate()
            Glibc.close(wakeup)
            Glibc.close(epoll)
            for (queue, callback) in shutdownCallbacks.withLock({ $0 }) { queue.async { callback(nil) } }
        }
    }
#endif
