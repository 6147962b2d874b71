import LLMBenchSimulator
import NIOHTTP1
import Testing

@Suite(.timeLimit(.minutes(1)))
struct RequestValidationTests {
    @Test(arguments: [
        "{not json",
        "",
        "{\"max_tokens\":4}",
        "{\"prompt\":\"a\",\"max_tokens\":0}",
        "{\"prompt\":\"a\",\"max_tokens\":\"many\"}",
        "{\"prompt\":[\"a\",\"b\"]}",
    ])
    func rejectsBadCompletionBodies(body: String) async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let response = try await TestHTTPClient.post(port: server.port, "/v1/completions", json: body)
            #expect(response.status == .badRequest)
            let error = try #require(SSE.object(response.body)?["error"] as? [String: Any])
            #expect(error["type"] as? String == "invalid_request_error")
            #expect(error["message"] is String)
            #expect(error.keys.contains("param") && error.keys.contains("code"))
            #expect(server.stats().generationRequests == 0)
        }
    }

    @Test func rejectsChatWithoutMessages() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let response = try await TestHTTPClient.post(
                port: server.port,
                "/v1/chat/completions",
                json: "{\"messages\":[]}"
            )
            #expect(response.status == .badRequest)
        }
    }

    @Test func requiresTheAPIKey() async throws {
        try await withSimulatedServer(options: .testing { $0.apiKey = "sk-test" }) { server in
            let body = RequestBodies.completion(maxTokens: 1, stream: false)
            let missing = try await TestHTTPClient.post(port: server.port, "/v1/completions", json: body)
            #expect(missing.status == .unauthorized)
            #expect((SSE.object(missing.body)?["error"] as? [String: Any])?["code"] as? String == "invalid_api_key")
            let wrong = try await TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: body,
                headers: [("authorization", "Bearer nope")]
            )
            #expect(wrong.status == .unauthorized)
            let right = try await TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: body,
                headers: [("authorization", "Bearer sk-test")]
            )
            #expect(right.status == .ok)
            let models = try await TestHTTPClient.get(port: server.port, "/v1/models")
            #expect(models.status == .unauthorized)
            let health = try await TestHTTPClient.get(port: server.port, "/health")
            #expect(health.status == .ok)
        }
    }

    @Test(arguments: ["\"ignore_eos\":true", "\"min_tokens\":2"])
    func rejectsExtraFieldsWhenConfigured(field: String) async throws {
        try await withSimulatedServer(options: .testing { $0.acceptsExtraFields = false }) { server in
            let rejected = try await TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: RequestBodies.completion(maxTokens: 2, extra: field)
            )
            #expect(rejected.status == .badRequest)
            #expect(rejected.body.contains("Unrecognized request argument"))
            let plain = try await TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: RequestBodies.completion(maxTokens: 2)
            )
            #expect(plain.status == .ok)
        }
    }

    @Test func rejectsUnknownModelsWhenStrict() async throws {
        try await withSimulatedServer(options: .testing { $0.strictModel = true }) { server in
            let unknown = try await TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: "{\"model\":\"gpt-9\",\"prompt\":\"a\",\"max_tokens\":1}"
            )
            #expect(unknown.status == .notFound)
            let error = try #require(SSE.object(unknown.body)?["error"] as? [String: Any])
            #expect(error["code"] as? String == "model_not_found")
            #expect(error["type"] as? String == "invalid_request_error")
            let known = try await TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: "{\"model\":\"llm-bench-sim\",\"prompt\":\"a\",\"max_tokens\":1}"
            )
            #expect(known.status == .ok)
        }
    }

    @Test func acceptsAnyModelByDefault() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let response = try await TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: "{\"model\":\"gpt-9\",\"prompt\":\"a\",\"max_tokens\":1}"
            )
            #expect(SSE.object(response.body)?["model"] as? String == "gpt-9")
        }
    }

    @Test func refusesInvalidOptions() async throws {
        await #expect(throws: SimulatorError.self) {
            _ = try await SimulatedServer.start(options: .testing { $0.tokensPerEvent = 0 })
        }
        await #expect(throws: SimulatorError.self) {
            _ = try await SimulatedServer.start(options: .testing { $0.faults.probabilities[.http500] = 2 })
        }
    }
}
