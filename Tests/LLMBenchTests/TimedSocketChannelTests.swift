#if os(Linux)
    import NIOCore
    import NIOHTTP1
    import NIOPosix
    import Synchronization
    import Testing

    @testable import LLMBench

    /// The timed path's own loop and socket channel on real loopback sockets: kernel stamps present
    /// and in order, HTTP framing unchanged by how the bytes are split, the loops shared out.
    struct TimedSocketChannelTests {
        /// What the client saw at one read: the stamp's clock and times, and when the read's ping was sent.
        struct SeenRead: Sendable {
            var source: TimestampSource
            var kernel: UInt64
            var user: UInt64
            var pingSent: UInt64
        }

        /// Sends a ping, waits for its pong, `count` times, recording the stamp of each read.
        final class PingPong: ChannelInboundHandler, @unchecked Sendable {
            typealias InboundIn = ByteBuffer
            typealias OutboundOut = ByteBuffer

            let stamp: ArrivalStamp
            let count: Int
            let done: EventLoopPromise<[SeenRead]>
            private var seen: [SeenRead] = []
            private var pingSent: UInt64 = 0

            init(stamp: ArrivalStamp, count: Int, done: EventLoopPromise<[SeenRead]>) {
                self.stamp = stamp
                self.count = count
                self.done = done
            }

            func handlerAdded(context: ChannelHandlerContext) {
                ping(context)
            }

            func channelRead(context: ChannelHandlerContext, data: NIOAny) {
                seen.append(
                    SeenRead(
                        source: stamp.source,
                        kernel: stamp.nanoseconds,
                        user: stamp.userNanoseconds,
                        pingSent: pingSent
                    )
                )
                if seen.count == count {
                    done.succeed(seen)
                } else {
                    ping(context)
                }
            }

            private func ping(_ context: ChannelHandlerContext) {
                pingSent = MonotonicClock.now()
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "p")), promise: nil)
            }
        }

        /// Answers every byte it reads with one byte.
        final class Pong: ChannelInboundHandler, Sendable {
            typealias InboundIn = ByteBuffer
            typealias OutboundOut = ByteBuffer

            func channelRead(context: ChannelHandlerContext, data: NIOAny) {
                for _ in 0..<unwrapInboundIn(data).readableBytes {
                    context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "q")), promise: nil)
                }
            }
        }

        /// Plays `count` pings against a loopback server on a timed loop of its own, asking for
        /// kernel stamps or not; what each read saw, and whether the socket refused the stamps.
        static func pingPong(count: Int, receiveTimestamps: Bool) async throws -> (reads: [SeenRead], refused: Bool) {
            let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .childChannelInitializer { child in
                    child.eventLoop.makeCompletedFuture { try child.pipeline.syncOperations.addHandler(Pong()) }
                }
                .bind(host: "127.0.0.1", port: 0).get()
            let loop = try TimedEventLoop(receiveTimestamps: receiveTimestamps)
            let done = loop.makePromise(of: [SeenRead].self)
            let channel = try await TimedSocketChannel.connect(
                to: try SocketAddress(ipAddress: "127.0.0.1", port: server.localAddress?.port ?? 0),
                on: loop,
                timeout: .seconds(10)
            ).get()
            try await loop.submit {
                try channel.pipeline.syncOperations.addHandler(PingPong(stamp: channel.stamp, count: count, done: done))
            }.get()
            let seen = try await done.futureResult.get()
            try await channel.close()
            try await server.close()
            try await loop.shutdownGracefully()
            return (seen, loop.refusal.announce() != nil)
        }

        @Test func everyReadOfALoopbackSocketHasAKernelStampAfterItsRequestAndBeforeTheLoopReadIt() async throws {
            let (seen, refused) = try await Self.pingPong(count: 50, receiveTimestamps: true)
            #expect(!refused)
            #expect(seen.count == 50)
            #expect(seen.allSatisfy { $0.source == .kernel })
            #expect(seen.allSatisfy { $0.pingSent <= $0.kernel && $0.kernel <= $0.user })
            #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.kernel < $1.kernel })
        }

        @Test func withoutKernelStampsAskedForReadsHaveUserStamps() async throws {
            let (seen, _) = try await Self.pingPong(count: 5, receiveTimestamps: false)
            #expect(seen.allSatisfy { $0.source == .user && $0.kernel == $0.user })
        }

        /// A streamed answer as a vLLM-like server writes it: chunked SSE, usage in the last chunk,
        /// text outside ASCII escaped as Python's JSON encoder does (so every byte split is a text split).
        static let capturedStream: String = {
            let events = [
                #"{"choices":[{"index":0,"text":"Xin","finish_reason":null}]}"#,
                #"{"choices":[{"index":0,"text":" ch\u00e0o","finish_reason":null}]}"#,
                #"{"choices":[{"index":0,"text":" c\u00e1c","finish_reason":null}]}"#,
                #"{"choices":[{"index":0,"text":" b\u1ea1n","finish_reason":"length"}]}"#,
                #"{"choices":[],"usage":{"prompt_tokens":7,"completion_tokens":4,"total_tokens":11}}"#,
                "[DONE]",
            ]
            var body = ""
            for event in events {
                let frame = "data: \(event)\n\n"
                body += String(frame.utf8.count, radix: 16) + "\r\n" + frame + "\r\n"
            }
            return "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n" + body
                + "0\r\n\r\n"
        }()

        @Test func everySplitOfACapturedStreamGivesTheSameEventsOverARealSocket() async throws {
            let bytes = Array(Self.capturedStream.utf8)
            let answered = Mutex(0)
            try await withScriptedServer({ _ in
                let split = answered.withLock { count in
                    count += 1
                    return count
                }
                let cut = min(split, bytes.count - 1)
                return [
                    .send(String(decoding: bytes[..<cut], as: UTF8.self)),
                    .send(String(decoding: bytes[cut...], as: UTF8.self)),
                ]
            }) { server in
                let address = try #require(ServerAddress(parsing: server.url()))
                let group = try TimedEventLoopGroup(threads: 1, receiveTimestamps: true)
                // Not timed here; the whole suite on two cores was seen to hold a connect up 10 s.
                let connection = try await HTTPConnection.connect(
                    to: address,
                    group: group,
                    tls: nil,
                    timeout: .seconds(120)
                )
                let factory = RequestFactory(address: address, apiKey: nil, extraHeaders: [:], model: "m")
                let body = factory.streamingCompletionBody(prompt: "xin chào", maxTokens: 4)
                for split in 1..<bytes.count {
                    let answer = try await connection.exchange(
                        head: factory.head(method: .POST, path: "/completions", bodyLength: body.readableBytes),
                        body: body,
                        isStreaming: true,
                        timeouts: RequestTimeouts(),
                        maxBodyBytes: 1 << 20
                    )
                    let timeline = try #require(answer.timeline, "split at \(split)")
                    #expect(timeline.tokenEvents == 4, "split at \(split)")
                    #expect(timeline.promptTokens == 7 && timeline.completionTokens == 4, "split at \(split)")
                    #expect(timeline.finishReason == .length && timeline.sawDoneMarker, "split at \(split)")
                    #expect(timeline.timestampSource == .kernel, "split at \(split)")
                    #expect(timeline.clientLagNanoseconds.count == 4, "split at \(split)")
                }
                await connection.close()
                try await group.shutdownGracefully()
            }
        }

        @Test func aRefusedAddressFallsThroughToTheNextOfTheHost() async throws {
            let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .bind(host: "127.0.0.1", port: 0).get()
            let closed = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .bind(host: "127.0.0.1", port: 0).get()
            let closedPort = closed.localAddress?.port ?? 0
            try await closed.close()
            let loop = try TimedEventLoop(receiveTimestamps: true)
            let addresses = [
                try SocketAddress(ipAddress: "127.0.0.1", port: closedPort),
                try SocketAddress(ipAddress: "127.0.0.1", port: server.localAddress?.port ?? 0),
            ]
            let channel = try await HTTPConnection.firstConnected(of: addresses) { address in
                try await TimedSocketChannel.connect(to: address, on: loop, timeout: .seconds(10)).get()
            }
            #expect(channel.remoteAddress == addresses[1])
            try await channel.close()
            let refused = await #expect(throws: IOError.self) {
                try await HTTPConnection.firstConnected(of: [addresses[0]]) { address in
                    try await TimedSocketChannel.connect(to: address, on: loop, timeout: nil).get()
                }
            }
            #expect(refused?.errnoCode == ECONNREFUSED)
            try await server.close()
            try await loop.shutdownGracefully()
        }

        @Test func aStoppedLoopFailsItsTimersAndLaterWorkAndAnswersEveryShutdown() async throws {
            let loop = try TimedEventLoop(receiveTimestamps: true)
            let pending = loop.scheduleTask(in: .seconds(3_600)) { 1 }
            try await loop.shutdownGracefully()
            await #expect(throws: EventLoopError.shutdown) { try await pending.futureResult.get() }
            let late = loop.scheduleTask(in: .milliseconds(1)) { 2 }
            await #expect(throws: EventLoopError.shutdown) { try await late.futureResult.get() }
            await #expect(throws: EventLoopError.shutdown) { try await loop.shutdownGracefully() }
            let closed = loop.makePromise(of: Int.self)
            loop.execute { closed.succeed(3) }
            #expect(try await closed.futureResult.get() == 3, "work after the stop runs on the caller's thread")
        }

        @Test func aHostWithoutAddressesIsSaidInPlainWordsWithTheResolversReason() {
            let error = HostAddresses.Unresolvable(host: "gpu-7", reason: "name or service not known")
            #expect(
                ConnectErrorText.describe(error) == "the host name could not be resolved (name or service not known)"
            )
        }

        @Test func connectionsAreSharedOutOverTheLoopsInTurn() throws {
            let group = try TimedEventLoopGroup(threads: 3, receiveTimestamps: true)
            defer { group.shutdownGracefully { _ in } }
            let picked = (0..<6).map { _ in ObjectIdentifier(group.nextTimedLoop()) }
            #expect(Set(picked).count == 3)
            #expect(Array(picked[0..<3]) == Array(picked[3..<6]))
        }

        @Test func aRunOverTwoClientThreadsMeasuresEveryRequestWithKernelStamps() async throws {
            let (report, lines, _, _) = try await runLoad { config in
                config.clientThreads = 2
                config.concurrency = 8
            }
            #expect(report.failedRequests == 0)
            let records = try jsonObjects(lines)
            #expect(records.count == 8)
            for record in records {
                #expect(record["timestamp_source"] as? String == "kernel")
                #expect((record["client_lag_ms"] as? [Double])?.count == record["output_tokens_counted"] as? Int)
            }
        }

        @Test func aRunWithUserTimestampsSaysSoAndHasNoLag() async throws {
            let (report, lines, _, _) = try await runLoad { config in
                config.timestamps = .user
            }
            #expect(report.failedRequests == 0)
            for record in try jsonObjects(lines) {
                #expect(record["timestamp_source"] as? String == "user")
                #expect(record["client_lag_ms"] == nil)
            }
        }
    }
#endif
