import LLMBenchSimulator
import NIOCore
import NIOHTTP1
import NIOPosix
import Testing

@Suite(.timeLimit(.minutes(1)))
struct SchedulingTests {
    @Test func recordsTruthsKeyedByRequestID() async throws {
        let options = SimulatorOptions.testing {
            $0.latency = .deterministic(timeToFirstTokenMilliseconds: 3, interTokenMilliseconds: 2)
        }
        try await withSimulatedServer(options: options) { server in
            _ = try await TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: RequestBodies.completion(maxTokens: 6),
                headers: [("x-request-id", "client-42")]
            )
            let truth = try #require(server.truth(requestID: "client-42"))
            #expect(truth.path == "/v1/completions")
            #expect(truth.promptTokens == 4)
            #expect(truth.maxTokens == 6)
            #expect(truth.completionTokens == 6)
            #expect(truth.eventNanoseconds.count == 6)
            #expect(truth.tokensPerEvent == Array(repeating: 1, count: 6))
            #expect(truth.outcome == "length")
            #expect(zip(truth.eventNanoseconds, truth.eventNanoseconds.dropFirst()).allSatisfy { $0 < $1 })
            #expect(truth.receivedNanoseconds < truth.eventNanoseconds[0])
            // Event i is scheduled at admission + TTFT + i steps; admission is after arrival.
            for (index, event) in truth.eventNanoseconds.enumerated() {
                #expect(event - truth.receivedNanoseconds >= UInt64(3 + 2 * index) * 1_000_000)
            }
            #expect(server.truths().map(\.requestID) == ["client-42"])
            #expect(server.stats().maxLatenessNanoseconds == truth.lateness)
        }
    }

    @Test func keepsOnlyTheNewestTruths() async throws {
        try await withSimulatedServer(options: .testing { $0.truthCapacity = 2 }) { server in
            for index in 0..<4 {
                _ = try await TestHTTPClient.post(
                    port: server.port,
                    "/v1/completions",
                    json: RequestBodies.completion(maxTokens: 1),
                    headers: [("x-request-id", "t\(index)")]
                )
            }
            #expect(server.truths().map(\.requestID) == ["t2", "t3"])
            #expect(server.truth(requestID: "t0") == nil)
            #expect(server.truths(since: 3).map(\.requestID) == ["t3"])
        }
    }

    @Test func queuesBeyondTheConcurrencyLimitInArrivalOrder() async throws {
        try await withSimulatedServer(options: Self.oneSlot) { server in
            let running = try await SlotHolder.start(on: server, requestID: "running")
            async let second = TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: RequestBodies.completion(maxTokens: 3),
                headers: [("x-request-id", "second")]
            )
            try await server.waitForStats { $0.queued == 1 }
            async let third = TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: RequestBodies.completion(maxTokens: 3),
                headers: [("x-request-id", "third")]
            )
            try await server.waitForStats { $0.queued == 2 }
            await running.client.close()
            let (_, secondResponse, thirdResponse) = try await (running.response.value, second, third)
            #expect(secondResponse.isComplete && thirdResponse.isComplete)

            let b = try #require(server.truth(requestID: "second"))
            let c = try #require(server.truth(requestID: "third"))
            #expect(c.receivedNanoseconds > b.receivedNanoseconds)
            let secondLast = try #require(b.eventNanoseconds.last)
            let thirdFirst = try #require(c.eventNanoseconds.first)
            #expect(thirdFirst > secondLast, "the one that arrived first is served first")
            let stats = server.stats()
            #expect(stats.maxActive == 1)
            #expect(stats.maxQueued == 2)
            #expect(stats.active == 0 && stats.queued == 0)
        }
    }

    @Test func queuedRequestWaitsUntilTheRunningOneLeaves() async throws {
        try await withSimulatedServer(options: Self.oneSlot) { server in
            let running = try await SlotHolder.start(on: server, requestID: "running")
            async let waiting = TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: RequestBodies.completion(maxTokens: 3),
                headers: [("x-request-id", "waiting")]
            )
            try await server.waitForStats { $0.queued == 1 }
            await running.client.close()
            let (runningResponse, waitingResponse) = try await (running.response.value, waiting)
            #expect(!runningResponse.isComplete)
            #expect(waitingResponse.isComplete)
            let a = try #require(server.truth(requestID: "running"))
            let b = try #require(server.truth(requestID: "waiting"))
            #expect(a.outcome == "disconnected")
            #expect(b.receivedNanoseconds > a.receivedNanoseconds)
            #expect(b.eventNanoseconds.first! > a.eventNanoseconds.last!)
            #expect(server.stats().maxQueued == 1)
        }
    }

    @Test func freesTheSlotWhenTheClientDisconnects() async throws {
        let options = SimulatorOptions.testing {
            $0.latency = .deterministic(timeToFirstTokenMilliseconds: 1, interTokenMilliseconds: 5)
            $0.latency.maxConcurrentSequences = 1
        }
        try await withSimulatedServer(options: options) { server in
            let response = try await TestHTTPClient.send(
                port: server.port,
                TestRequest.completion(maxTokens: 1000, requestID: "leaver", closeAfterBodyParts: 1)
            )
            #expect(!response.isComplete)
            try await server.waitUntilIdle()
            let stats = server.stats()
            #expect(stats.active == 0)
            #expect(stats.clientDisconnects == 1)
            let truth = try #require(server.truth(requestID: "leaver"))
            #expect(truth.outcome == "disconnected")
            #expect(truth.completionTokens < 1000)

            // The slot is free again: a new request completes.
            let next = try await TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: RequestBodies.completion(maxTokens: 2)
            )
            #expect(next.isComplete)
        }
    }

    @Test func dropsAQueuedRequestWhoseClientLeft() async throws {
        try await withSimulatedServer(options: Self.oneSlot) { server in
            let running = try await SlotHolder.start(on: server)
            // Streams answer with their head on arrival, so the queued request can leave after it.
            let leaver = try await TestHTTPClient.send(
                port: server.port,
                TestRequest.completion(maxTokens: 5, requestID: "queued", closeAfterBodyParts: 0)
            )
            #expect(leaver.status == .ok)
            try await server.waitForStats { $0.clientDisconnects == 1 }
            let whileRunning = server.stats()
            #expect(whileRunning.active == 1 && whileRunning.queued == 0)
            let truth = try #require(server.truth(requestID: "queued"))
            #expect(truth.outcome == "disconnected")
            #expect(truth.eventNanoseconds.isEmpty)

            await running.client.close()
            #expect(try await !running.response.value.isComplete)
            try await server.waitUntilIdle()
            #expect(server.stats().clientDisconnects == 2)
        }
    }

    @Test func streamsConcurrentlyAtFullSpeed() async throws {
        try await withSimulatedServer(options: .testing { $0.eventLoopThreads = 2 }) { server in
            let results = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        let response = try await TestHTTPClient.post(
                            port: server.port,
                            "/v1/completions",
                            json: RequestBodies.completion(maxTokens: 200)
                        )
                        return SSE.payloads(response.body).count
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(results == Array(repeating: 202, count: 20))
            let stats = server.stats()
            #expect(stats.completed == 20)
            #expect(stats.tokensGenerated == 4000)
        }
    }

    @Test func slowsDownWithLoad() {
        let model = LatencyModel()
        #expect(model.expectedInterTokenMilliseconds(activeSequences: 1) == 12)
        #expect(abs(model.expectedInterTokenMilliseconds(activeSequences: 101) - 20) < 1e-9)
        #expect(model.expectedTimeToFirstTokenMilliseconds(promptTokens: 800) == 125)
        let fixed = LatencyModel.deterministic(timeToFirstTokenMilliseconds: 10, interTokenMilliseconds: 4)
        #expect(fixed.expectedTimeToFirstTokenMilliseconds(promptTokens: 10_000) == 10)
        #expect(fixed.expectedInterTokenMilliseconds(activeSequences: 500) == 4)
    }
}

extension SchedulingTests {
    /// A server with one generation slot, 1 ms to the first token and 2 ms per token.
    static let oneSlot = SimulatorOptions.testing {
        $0.latency = .deterministic(timeToFirstTokenMilliseconds: 1, interTokenMilliseconds: 2)
        $0.latency.maxConcurrentSequences = 1
    }

    /// A long stream on its own connection, already past its first part, so it holds the slot of
    /// a ``oneSlot`` server until `client` is closed.
    struct SlotHolder {
        let client: TestHTTPClient
        /// The stream's response, complete once the connection closes.
        let response: Task<TestResponse, any Error>

        static func start(on server: SimulatedServer, requestID: String? = nil) async throws -> SlotHolder {
            let started = MultiThreadedEventLoopGroup.singleton.next().makePromise(of: Void.self)
            let client = try await TestHTTPClient.connect(port: server.port)
            let response = Task {
                try await client.send(
                    TestRequest.completion(maxTokens: 100_000, requestID: requestID),
                    firstBodyPart: started
                )
            }
            try await started.futureResult.get()
            return SlotHolder(client: client, response: response)
        }
    }
}
