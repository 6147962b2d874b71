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
        /// Tasks queued for the next round, and whether the loop has stopped (then nothing runs).
        private let queued = Mutex<(tasks: [@Sendable () -> Void], isStopped: Bool)>(([], false))
        private let threadID = Atomic<UInt>(0)
        private let isStopping = Atomic<Bool>(false)
        /// Who asked for the shutdown; nil once the loop has stopped and told them.
        private let shutdownCallbacks = Mutex<[(DispatchQueue, @Sendable ((any Error)?) -> Void)]?>([])
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

        /// The loop's thread is; once the loop has stopped every thread counts as its (see `execute`).
        var inEventLoop: Bool {
            let loopThread = threadID.load(ordering: .acquiring)
            return loopThread == Self.stoppedThreadID || loopThread == UInt(pthread_self())
        }

        /// `threadID` once the loop has stopped.
        private static let stoppedThreadID = UInt.max

        /// Queues `task` for the loop's next round. Once the loop has stopped it runs at once on the
        /// caller's thread, which then counts as the loop's: its sockets are closed and its thread
        /// gone, so nothing is left to race with, and callbacks on futures it completed still run
        /// (new timers fail instead).
        func execute(_ task: @escaping @Sendable () -> Void) {
            let (isQueued, isFirst) = queued.withLock { queue in
                guard !queue.isStopped else { return (false, false) }
                queue.tasks.append(task)
                return (true, queue.tasks.count == 1)
            }
            guard isQueued else {
                task()
                return
            }
            if isFirst, !inEventLoop { wake() }
        }

        private var hasStopped: Bool { queued.withLock { $0.isStopped } }

        func scheduleTask<T>(deadline: NIODeadline, _ task: @escaping @Sendable () throws -> T) -> Scheduled<T> {
            let promise: EventLoopPromise<T> = makePromise()
            guard !hasStopped else {
                promise.fail(EventLoopError.shutdown)
                return Scheduled(promise: promise) {}
            }
            let timer = ScheduledTimer(deadline: deadline.uptimeNanoseconds) {
                do { promise.assumeIsolated().succeed(try task()) } catch { promise.fail(error) }
            } fail: { error in
                promise.fail(error)
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
            let isWaiting = shutdownCallbacks.withLock { callbacks in
                callbacks?.append((queue, callback))
                return callbacks != nil
            }
            guard isWaiting else {
                queue.async { callback(EventLoopError.shutdown) }
                return
            }
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

        /// Watches `channel`'s socket for `events` (`EPOLLIN`, `EPOLLOUT`), from now or instead of
        /// what it watched; on the loop.
        func watch(_ channel: TimedSocketChannel, for events: UInt32) throws(TimedLoopError) {
            var event = epoll_event()
            event.events = events
            event.data.fd = channel.descriptor
            let operation = channels[channel.descriptor] == nil ? EPOLL_CTL_ADD : EPOLL_CTL_MOD
            guard epoll_ctl(epoll, operation, channel.descriptor, &event) == 0 else {
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
                if ready > 0 { clockOffset.refresh() }
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
                let tasks = takeQueued()
                for task in tasks { task() }
                if isStopping.load(ordering: .acquiring), tasks.isEmpty, queued.withLock({ $0.tasks.isEmpty }) { break }
            }
            stop()
        }

        /// The queued tasks, leaving the queue empty.
        private func takeQueued() -> [@Sendable () -> Void] {
            queued.withLock { queue in
                defer { queue.tasks.removeAll(keepingCapacity: true) }
                return queue.tasks
            }
        }

        /// How long the next wait may take: not at all with work queued or a timer due within a
        /// millisecond (epoll counts whole milliseconds), else until the next timer, or without end.
        private func waitMilliseconds() -> Int32 {
            if isStopping.load(ordering: .acquiring) || !queued.withLock({ $0.tasks.isEmpty }) { return 0 }
            guard let due = timers.nextDeadline else { return -1 }
            let now = MonotonicClock.now()
            guard due > now + 1_000_000 else { return 0 }
            return Int32(clamping: (due - now + 999_999) / 1_000_000)
        }

        /// The descriptors close only with the last reference: a thread that queued work just as the
        /// loop stopped may still write to `wakeup`, and a closed number could by then be another
        /// socket's.
        deinit {
            controlBuffer.deallocate()
            Glibc.close(wakeup)
            Glibc.close(epoll)
        }

        /// Once the loop leaves its rounds: closes every socket at once (a TLS channel is not left
        /// waiting for its close_notify), runs what that queued, fails the timers not yet due with
        /// `EventLoopError.shutdown`, then refuses later work and tells whoever asked.
        private func stop() {
            for channel in Array(channels.values) { channel.closeNow(error: EventLoopError.shutdown) }
            channels.removeAll()
            var tasks = takeQueued()
            while !tasks.isEmpty {
                for task in tasks { task() }
                tasks = takeQueued()
            }
            for timer in timers.removeAll() where !timer.isCancelled { timer.fail(EventLoopError.shutdown) }
            queued.withLock { $0.isStopped = true }
            for task in takeQueued() { task() }
            threadID.store(Self.stoppedThreadID, ordering: .releasing)
            let callbacks = shutdownCallbacks.withLock { callbacks in
                defer { callbacks = nil }
                return callbacks ?? []
            }
            for (queue, callback) in callbacks { queue.async { callback(nil) } }
        }
    }
#endif
