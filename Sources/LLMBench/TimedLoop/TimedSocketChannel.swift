#if os(Linux)
    import CLinuxEvents
    import Glibc
    import NIOCore
    import Synchronization

    /// A TCP connection of the timed path on a `TimedEventLoop`: a real NIO `Channel` whose pipeline
    /// (TLS, HTTP/1.1, the timed handler) runs as on any NIO channel, while the socket is read here
    /// with `recvmsg`, so every read carries the kernel's receive time into the channel's
    /// `ArrivalStamp` before the pipeline sees its bytes.
    ///
    /// Reading is always on (NIO's `autoRead`); on a readable socket it reads until a read leaves room
    /// in its buffer, at most four times, as NIO's socket channels do. Writes are sent when flushed,
    /// the rest once the socket has room. Confined to its loop, but for `isActive`.
    final class TimedSocketChannel: Channel, ChannelCore, @unchecked Sendable {
        private enum State {
            case connecting
            case active
            case closed
        }

        /// Reads before handing the loop back to other sockets, as NIO's `maxMessagesPerRead`.
        private static let readsPerWakeUp = 4

        let descriptor: Int32
        let loop: TimedEventLoop
        /// The arrival of the bytes being processed, read by the pipeline's timed handler.
        let stamp = ArrivalStamp()
        /// Whether reads ask for the kernel's receive stamp.
        private let asksForStamps: Bool
        private let remote: SocketAddress
        private let closePromise: EventLoopPromise<Void>
        private let activeFlag = Atomic<Bool>(false)
        private var state = State.connecting
        private var connectPromise: EventLoopPromise<Void>?
        private var unflushed: [(ByteBuffer, EventLoopPromise<Void>?)] = []
        private var outgoing: ByteBuffer?
        private var outgoingPromises: [EventLoopPromise<Void>] = []
        private var isWatchingWrites = false
        private var readSizes = HTTPConnection.readBufferSizes
        private var handoff: CompletionHandoff?
        private var _pipeline: ChannelPipeline!

        private init(
            descriptor: Int32,
            loop: TimedEventLoop,
            remote: SocketAddress,
            asksForStamps: Bool
        ) {
            self.descriptor = descriptor
            self.loop = loop
            self.remote = remote
            self.asksForStamps = asksForStamps
            closePromise = loop.makePromise()
            _pipeline = ChannelPipeline(channel: self)
        }

        /// Connects to `address` on `loop`, asking for kernel receive stamps when the loop does (a
        /// refusal is noted in `loop.refusal`), then fires the pipeline's registration and activation
        /// (handlers are added once it is connected: NIOSSL starts its handshake when added to an
        /// active channel). Fails with an `IOError` (refused, unreachable …),
        /// `ChannelError.connectTimeout` after `timeout`, or `CancellationError` when `cancellation`
        /// abandons it.
        static func connect(
            to address: SocketAddress,
            on loop: TimedEventLoop,
            timeout: TimeAmount?,
            cancellation: ConnectCancellation? = nil
        ) -> EventLoopFuture<TimedSocketChannel> {
            loop.flatSubmit {
                let opened: (descriptor: Int32, isConnected: Bool, timestampError: Int32?)
                do {
                    opened = try TimedSocket.open(connectingTo: address, receiveTimestamps: loop.receiveTimestamps)
                } catch {
                    return loop.makeFailedFuture(error)
                }
                if let code = opened.timestampError { loop.refusal.noteRefused(errno: code) }
                let channel = TimedSocketChannel(
                    descriptor: opened.descriptor,
                    loop: loop,
                    remote: address,
                    asksForStamps: loop.receiveTimestamps && opened.timestampError == nil
                )
                let connected = loop.makePromise(of: Void.self)
                channel.connectPromise = connected
                do {
                    try loop.watch(channel, for: EPOLLOUT.rawValue)
                } catch {
                    channel.closeNow(error: error)
                    return connected.futureResult.map { channel }
                }
                if let cancellation, !cancellation.register(channel) {
                    channel.closeNow(error: CancellationError())
                } else if opened.isConnected {
                    channel.finishConnecting()
                } else if let timeout {
                    let timer = loop.scheduleTask(in: timeout) {
                        channel.closeNow(error: ChannelError.connectTimeout(timeout))
                    }
                    connected.futureResult.whenComplete { _ in timer.cancel() }
                }
                return connected.futureResult.map { channel }
            }
        }

        // MARK: Channel

        var eventLoop: any EventLoop { loop }
        let allocator = ByteBufferAllocator()
        var pipeline: ChannelPipeline { _pipeline }
        var closeFuture: EventLoopFuture<Void> { closePromise.futureResult }
        var localAddress: SocketAddress? { nil }
        var remoteAddress: SocketAddress? { remote }
        var parent: (any Channel)? { nil }
        var isWritable: Bool { true }
        var isActive: Bool { activeFlag.load(ordering: .relaxed) }
        var _channelCore: any ChannelCore { self }
        var syncOptions: (any NIOSynchronousChannelOptions)? { TimedChannelOptions() }

        func setOption<Option: ChannelOption>(_ option: Option, value: Option.Value) -> EventLoopFuture<Void> {
            loop.makeFailedFuture(ChannelError.operationUnsupported)
        }

        func getOption<Option: ChannelOption>(_ option: Option) -> EventLoopFuture<Option.Value> {
            loop.makeCompletedFuture { try TimedChannelOptions().getOption(option) }
        }

        // MARK: ChannelCore

        func localAddress0() throws -> SocketAddress { throw ChannelError.operationUnsupported }

        func remoteAddress0() throws -> SocketAddress { remote }

        func register0(promise: EventLoopPromise<Void>?) { promise?.succeed() }

        func registerAlreadyConfigured0(promise: EventLoopPromise<Void>?) { promise?.succeed() }

        func bind0(to: SocketAddress, promise: EventLoopPromise<Void>?) {
            promise?.fail(ChannelError.operationUnsupported)
        }

        func connect0(to: SocketAddress, promise: EventLoopPromise<Void>?) {
            promise?.fail(ChannelError.operationUnsupported)
        }

        func write0(_ data: NIOAny, promise: EventLoopPromise<Void>?) {
            guard state != .closed else {
                promise?.fail(ChannelError.ioOnClosedChannel)
                return
            }
            switch unwrapData(data, as: IOData.self) {
            case .byteBuffer(let buffer): unflushed.append((buffer, promise))
            case .fileRegion: promise?.fail(ChannelError.operationUnsupported)
            }
        }

        func flush0() {
            guard !unflushed.isEmpty else { return }
            var batch = outgoing ?? allocator.buffer(capacity: unflushed.reduce(0) { $0 + $1.0.readableBytes })
            for (buffer, promise) in unflushed {
                batch.writeImmutableBuffer(buffer)
                if let promise { outgoingPromises.append(promise) }
            }
            unflushed.removeAll(keepingCapacity: true)
            outgoing = batch
            if state == .active, !isWatchingWrites { sendOutgoing() }
        }

        func read0() {}

        func close0(error: any Error, mode: CloseMode, promise: EventLoopPromise<Void>?) {
            guard mode == .all else {
                promise?.fail(ChannelError.operationUnsupported)
                return
            }
            guard state != .closed else {
                promise?.fail(ChannelError.alreadyClosed)
                return
            }
            closeNow(error: error)
            promise?.succeed()
        }

        func triggerUserOutboundEvent0(_ event: Any, promise: EventLoopPromise<Void>?) {
            promise?.fail(ChannelError.operationUnsupported)
        }

        func channelRead0(_ data: NIOAny) {}

        func errorCaught0(error: any Error) {}

        // MARK: Readiness

        /// What the loop's `epoll_wait` reported for the socket.
        func handle(events: UInt32) {
            switch state {
            case .connecting: finishConnecting()
            case .active:
                if events & (EPOLLIN.rawValue | EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 { readAll() }
                if state == .active, events & EPOLLOUT.rawValue != 0 { sendOutgoing() }
            case .closed: break
            }
        }

        /// Gives up a connect in progress, from any thread: the connect fails with `CancellationError`.
        func abandonConnect() {
            loop.execute {
                if self.state == .connecting { self.closeNow(error: CancellationError()) }
            }
        }

        private func finishConnecting() {
            guard state == .connecting else { return }
            if let code = TimedSocket.connectError(of: descriptor) {
                closeNow(error: IOError(errnoCode: code, reason: "connect"))
                return
            }
            do {
                try loop.watch(self, for: EPOLLIN.rawValue)
            } catch {
                closeNow(error: error)
                return
            }
            handoff = CompletionHandoff.current
            state = .active
            activeFlag.store(true, ordering: .relaxed)
            pipeline.fireChannelRegistered()
            pipeline.fireChannelActive()
            connectPromise?.succeed()
            connectPromise = nil
            if outgoing != nil { sendOutgoing() }
        }

        /// Reads what the socket holds, each read handed up with its own stamp and closed with
        /// `channelReadComplete`: TLS hands on decrypted bytes only then, so a batch of reads would
        /// reach the timed handler under the last read's stamp.
        private func readAll() {
            let control = asksForStamps ? loop.controlBuffer : UnsafeMutableRawBufferPointer(start: nil, count: 0)
            for _ in 0..<Self.readsPerWakeUp {
                var buffer = readSizes.buffer(allocator: allocator)
                let room = buffer.writableBytes
                let received = buffer.withUnsafeMutableWritableBytes {
                    TimedSocket.receive(from: descriptor, into: $0, control: control)
                }
                switch received {
                case .bytes(let count, let kernelRealtime):
                    let now = MonotonicClock.now()
                    buffer.moveWriterIndex(forwardBy: count)
                    stamp.noteRead(
                        at: now,
                        kernel: kernelRealtime.map { loop.clockOffset.monotonic(fromRealtime: $0) },
                        emptiedSocket: count < room
                    )
                    _ = readSizes.record(actualReadBytes: count)
                    handoff?.sawRead = true
                    pipeline.fireChannelRead(buffer)
                    guard state == .active else { return }
                    pipeline.fireChannelReadComplete()
                    guard state == .active, count == room else { return }
                case .wouldBlock:
                    return
                case .endOfFile:
                    closeNow(error: ChannelError.eof)
                    return
                case .failed(let code):
                    let error = IOError(errnoCode: code, reason: "recvmsg")
                    pipeline.fireErrorCaught(error)
                    closeNow(error: error)
                    return
                }
            }
        }

        private func sendOutgoing() {
            guard var batch = outgoing else { return }
            switch batch.withUnsafeReadableBytes({ TimedSocket.send($0, to: descriptor) }) {
            case .success(let count):
                batch.moveReaderIndex(forwardBy: count)
                if batch.readableBytes > 0 {
                    outgoing = batch
                    watchWrites(true)
                    return
                }
                outgoing = nil
                watchWrites(false)
                let promises = outgoingPromises
                outgoingPromises.removeAll(keepingCapacity: true)
                for promise in promises { promise.succeed() }
            case .failure(let error):
                pipeline.fireErrorCaught(error)
                closeNow(error: error)
            }
        }

        private func watchWrites(_ on: Bool) {
            guard on != isWatchingWrites else { return }
            isWatchingWrites = on
            try? loop.watch(self, for: on ? EPOLLIN.rawValue | EPOLLOUT.rawValue : EPOLLIN.rawValue)
        }

        /// Closes the socket and tells the pipeline, as NIO's channels do: pending writes fail, the
        /// channel goes inactive, then its handlers are removed and `closeFuture` completes.
        func closeNow(error: any Error) {
            guard state != .closed else { return }
            let wasActive = state == .active
            state = .closed
            activeFlag.store(false, ordering: .relaxed)
            loop.unwatch(self)
            Glibc.close(descriptor)
            connectPromise?.fail(error)
            connectPromise = nil
            let failed = outgoingPromises + unflushed.compactMap(\.1)
            outgoing = nil
            outgoingPromises.removeAll()
            unflushed.removeAll()
            for promise in failed { promise.fail(error) }
            if wasActive {
                pipeline.fireChannelInactive()
                pipeline.fireChannelUnregistered()
            }
            loop.execute {
                self.removeHandlers(pipeline: self.pipeline)
                self.closePromise.succeed()
            }
        }
    }

    /// The options a `TimedSocketChannel` answers: reading is always on, and a half-closed
    /// connection is closed.
    private struct TimedChannelOptions: NIOSynchronousChannelOptions {
        func setOption<Option: ChannelOption>(_ option: Option, value: Option.Value) throws {
            throw ChannelError.operationUnsupported
        }

        func getOption<Option: ChannelOption>(_ option: Option) throws -> Option.Value {
            if option is ChannelOptions.Types.AutoReadOption, let on = true as? Option.Value { return on }
            if option is ChannelOptions.Types.AllowRemoteHalfClosureOption, let off = false as? Option.Value {
                return off
            }
            throw ChannelError.operationUnsupported
        }
    }
#endif
