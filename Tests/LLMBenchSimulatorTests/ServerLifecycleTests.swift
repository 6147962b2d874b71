import LLMBenchSimulator
import NIOCore
import NIOHTTP1
import NIOPosix
import Testing

@Suite(.timeLimit(.minutes(1)))
struct ServerLifecycleTests {
    private struct Planned: Error {}

    @Test func shutsDownWhenTheBodyThrows() async throws {
        var port = 0
        await #expect(throws: Planned.self) {
            try await withSimulatedServer(options: .testing()) { server in
                port = server.port
                let health = try await TestHTTPClient.get(port: server.port, "/health")
                #expect(health.status == .ok)
                throw Planned()
            }
        }
        await #expect(throws: (any Error).self) {
            _ = try await TestHTTPClient.connect(port: port)
        }
    }

    @Test func shutsDownWithStreamsRunningAndQueued() async throws {
        var latency = LatencyModel.deterministic(timeToFirstTokenMilliseconds: 1, interTokenMilliseconds: 5)
        latency.maxConcurrentSequences = 1
        let server = try await SimulatedServer.start(
            options: .testing {
                $0.latency = latency; $0.eventLoopThreads = 2
            }
        )
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let runningStarted = loop.makePromise(of: Void.self)
        let queuedHead = loop.makePromise(of: Void.self)
        let request = TestRequest.completion(maxTokens: 10_000)
        async let running = TestHTTPClient.send(port: server.port, request, firstBodyPart: runningStarted)
        try await runningStarted.futureResult.get()
        // A stream's head is written on arrival, so the head of the second means it is queued.
        async let queued = TestHTTPClient.send(port: server.port, request, head: queuedHead)
        try await queuedHead.futureResult.get()
        #expect(server.stats().queued == 1)
        try await server.shutdown()
        let (first, second) = try await (running, queued)
        #expect(!first.isComplete)
        #expect(!second.isComplete)
        #expect(server.stats().active == 0)
        try await server.shutdown()
    }

    @Test func streamsManyTokensAtFullSpeed() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let response = try await TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: RequestBodies.completion(maxTokens: 5_000, includeUsage: false)
            )
            #expect(response.isComplete)
            #expect(SSE.payloads(response.body).count == 5_001)
            #expect(server.truths().first?.eventNanoseconds.count == 5_000)
            #expect(server.truths().first?.lateness == 0, "paced events are never late")
        }
    }
}
