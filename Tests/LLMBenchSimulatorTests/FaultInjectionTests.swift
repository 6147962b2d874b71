import LLMBenchSimulator
import NIOHTTP1
import Testing

@Suite(.timeLimit(.minutes(1)))
struct FaultInjectionTests {
    private static let itlMilliseconds = 2.0

    private func options(_ fault: InjectedFault) -> SimulatorOptions {
        .testing {
            $0.latency = .deterministic(timeToFirstTokenMilliseconds: 1, interTokenMilliseconds: Self.itlMilliseconds)
            $0.faults = .only(fault, firstRequests: 1)
            $0.faults.closeAfterTokens = 2
            $0.faults.stallMilliseconds = 30
            $0.faults.slowHeadersMilliseconds = 30
        }
    }

    /// Sends the faulty request and a healthy one after it; returns the first response.
    private func faultyThenHealthy(_ server: SimulatedServer, stream: Bool = true) async throws -> TestResponse {
        let faulty = try await TestHTTPClient.post(
            port: server.port,
            "/v1/completions",
            json: RequestBodies.completion(maxTokens: 5, stream: stream),
            headers: [("x-request-id", "faulty")]
        )
        let healthy = try await TestHTTPClient.post(
            port: server.port,
            "/v1/completions",
            json: RequestBodies.completion(maxTokens: 5, stream: stream),
            headers: [("x-request-id", "healthy")]
        )
        #expect(healthy.status == .ok && healthy.isComplete)
        #expect(server.truth(requestID: "healthy")?.fault == nil)
        #expect(server.truth(requestID: "healthy")?.completionTokens == 5)
        return faulty
    }

    @Test(arguments: [
        (InjectedFault.http500, HTTPResponseStatus.internalServerError),
        (.http503, .serviceUnavailable),
        (.http429, .tooManyRequests),
    ])
    func answersWithInjectedStatus(fault: InjectedFault, status: HTTPResponseStatus) async throws {
        try await withSimulatedServer(options: options(fault)) { server in
            let response = try await faultyThenHealthy(server)
            #expect(response.status == status)
            #expect(response.isComplete)
            let error = try #require(SSE.object(response.body)?["error"] as? [String: Any])
            #expect(error["message"] is String)
            if fault == .http429 {
                #expect(response.headers["retry-after"].first == "1")
            }
            #expect(server.truth(requestID: "faulty")?.fault == fault.rawValue)
            #expect(server.stats().failedByFault == 1)
        }
    }

    @Test func resetsBeforeHeaders() async throws {
        try await withSimulatedServer(options: options(.resetBeforeHeaders)) { server in
            let response = try await faultyThenHealthy(server)
            #expect(response.status == nil)
            #expect(!response.isComplete)
            #expect(response.body.isEmpty)
            #expect(server.truth(requestID: "faulty")?.fault == "reset_before_headers")
        }
    }

    @Test func closesMidStream() async throws {
        try await withSimulatedServer(options: options(.closeMidStream)) { server in
            let response = try await faultyThenHealthy(server)
            #expect(response.status == .ok)
            #expect(!response.isComplete)
            #expect(SSE.payloads(response.body).count == 2)
            #expect(!response.body.contains("[DONE]"))
            let truth = try #require(server.truth(requestID: "faulty"))
            #expect(truth.fault == "close_mid_stream")
            #expect(truth.completionTokens == 2)
            #expect(truth.outcome == "fault")
            #expect(server.stats().active == 0)
        }
    }

    @Test func sendsOneMalformedChunkThenContinues() async throws {
        try await withSimulatedServer(options: options(.malformedChunk)) { server in
            let response = try await faultyThenHealthy(server)
            #expect(response.isComplete)
            let payloads = SSE.payloads(response.body)
            #expect(payloads.filter { $0 == "{not json" }.count == 1)
            #expect(payloads[1] == "{not json")
            #expect(payloads.last == "[DONE]")
            let tokenEvents = payloads.compactMap(SSE.object).filter { !($0["choices"] as? [Any] ?? []).isEmpty }
            #expect(tokenEvents.count == 5)
        }
    }

    @Test func sendsAnErrorEventThenDone() async throws {
        try await withSimulatedServer(options: options(.errorEvent)) { server in
            let response = try await faultyThenHealthy(server)
            #expect(response.isComplete)
            let payloads = SSE.payloads(response.body)
            #expect(payloads.count == 3)
            let error = try #require(SSE.object(payloads[1])?["error"] as? [String: Any])
            #expect(error["message"] as? String == "simulated failure")
            #expect(error["type"] as? String == "server_error")
            #expect(error["code"] as? Int == 500)
            #expect(payloads.last == "[DONE]")
            #expect(server.truth(requestID: "faulty")?.outcome == "fault")
        }
    }

    @Test func stallsOnceAfterTheFirstToken() async throws {
        try await withSimulatedServer(options: options(.stall)) { server in
            let response = try await faultyThenHealthy(server)
            #expect(response.isComplete)
            let truth = try #require(server.truth(requestID: "faulty"))
            #expect(truth.fault == "stall")
            #expect(truth.eventNanoseconds.count == 5)
            let gap = truth.eventNanoseconds[1] - truth.eventNanoseconds[0]
            // Event 2 is scheduled 30 ms + one step after event 1's scheduled time.
            #expect(gap + truth.lateness >= 32_000_000)
        }
    }

    @Test func delaysTheHead() async throws {
        try await withSimulatedServer(options: options(.slowHeaders)) { server in
            let response = try await faultyThenHealthy(server)
            #expect(response.isComplete)
            let truth = try #require(server.truth(requestID: "faulty"))
            #expect(truth.fault == "slow_headers")
            let first = try #require(truth.eventNanoseconds.first)
            #expect(first - truth.receivedNanoseconds >= 31_000_000)
        }
    }

    @Test func appliesToNonStreamingRequestsWhenNotLimitedToStreams() async throws {
        var faulty = options(.errorEvent)
        faulty.faults.streamingOnly = false
        try await withSimulatedServer(options: faulty) { server in
            let response = try await faultyThenHealthy(server, stream: false)
            #expect(response.status == .internalServerError)
        }
    }

    @Test func leavesNonStreamingRequestsAloneByDefault() async throws {
        try await withSimulatedServer(options: options(.errorEvent)) { server in
            let response = try await faultyThenHealthy(server, stream: false)
            #expect(response.status == .ok)
        }
    }

    @Test func drawsFaultsWithTheSeededProbability() async throws {
        let options = SimulatorOptions.testing { $0.faults = FaultInjection(seed: 3, probabilities: [.http503: 0.5]) }
        func failures() async throws -> [Bool] {
            try await withSimulatedServer(options: options) { server in
                var failed: [Bool] = []
                for _ in 0..<20 {
                    let response = try await TestHTTPClient.post(
                        port: server.port,
                        "/v1/completions",
                        json: RequestBodies.completion(maxTokens: 1)
                    )
                    failed.append(response.status == .serviceUnavailable)
                }
                return failed
            }
        }
        let first = try await failures()
        #expect(try await failures() == first, "the same seed gives the same faults")
        #expect(first.contains(true) && first.contains(false))
    }
}
