import LLMBenchSimulator
import NIOHTTP1
import Testing

@Suite(.timeLimit(.minutes(1)))
struct ControlEndpointTests {
    let vietnamese = "Hà Nội mùa thu, trời trong xanh; người người đi dạo."

    @Test func listsModels() async throws {
        try await withSimulatedServer(options: .testing { $0.servedModels = ["a", "b"] }) { server in
            #expect(server.baseURL == "http://127.0.0.1:\(server.port)/v1")
            let response = try await TestHTTPClient.get(port: server.port, "/v1/models")
            let object = try #require(SSE.object(response.body))
            #expect(object["object"] as? String == "list")
            let data = try #require(object["data"] as? [[String: Any]])
            #expect(data.compactMap { $0["id"] as? String } == ["a", "b"])
            #expect(data.allSatisfy { $0["object"] as? String == "model" && $0["owned_by"] as? String == "llm-bench" })
            #expect(data.allSatisfy { $0["created"] is Int })
        }
    }

    @Test func reportsHealth() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let response = try await TestHTTPClient.get(port: server.port, "/health")
            #expect(response.status == .ok)
            #expect(SSE.object(response.body)?["status"] as? String == "ok")
        }
    }

    @Test func tokenizesInVLLMForm() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let response = try await TestHTTPClient.post(
                port: server.port,
                "/tokenize",
                json: "{\"model\":\"llm-bench-sim\",\"prompt\":\"\(vietnamese)\"}"
            )
            let object = try #require(SSE.object(response.body))
            let tokens = try #require(object["tokens"] as? [Int])
            #expect(object["count"] as? Int == 14)
            #expect(object["max_model_len"] as? Int == 32768)
            #expect(tokens == SimulatedTokenizer().tokenize(vietnamese))

            let back = try await TestHTTPClient.post(
                port: server.port,
                "/detokenize",
                json:
                    "{\"model\":\"llm-bench-sim\",\"tokens\":[\(tokens.prefix(4).map(String.init).joined(separator: ","))]}"
            )
            #expect(SSE.object(back.body)?["prompt"] as? String == "Hà Nội mùa thu")
        }
    }

    @Test func tokenizesInLlamaCppForm() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let response = try await TestHTTPClient.post(
                port: server.port,
                "/tokenize",
                json: "{\"content\":\"\(vietnamese)\"}"
            )
            let object = try #require(SSE.object(response.body))
            #expect(object["count"] == nil)
            let tokens = try #require(object["tokens"] as? [Int])
            #expect(tokens.count == 14)

            let back = try await TestHTTPClient.post(
                port: server.port,
                "/detokenize",
                json: "{\"tokens\":[\(tokens.map(String.init).joined(separator: ","))]}"
            )
            #expect(SSE.object(back.body)?["content"] as? String == vietnamese)
        }
    }

    @Test func hidesTokenizeWhenDisabled() async throws {
        try await withSimulatedServer(options: .testing { $0.tokenizeEndpoints = false }) { server in
            let tokenize = try await TestHTTPClient.post(port: server.port, "/tokenize", json: "{\"prompt\":\"a\"}")
            #expect(tokenize.status == .notFound)
            let detokenize = try await TestHTTPClient.post(port: server.port, "/detokenize", json: "{\"tokens\":[]}")
            #expect(detokenize.status == .notFound)
        }
    }

    @Test func exposesStatsAndTruthsOverHTTP() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            for index in 0..<3 {
                _ = try await TestHTTPClient.post(
                    port: server.port,
                    "/v1/completions",
                    json: RequestBodies.completion(maxTokens: 2),
                    headers: [("x-request-id", "r\(index)")]
                )
            }
            let stats = try #require(SSE.object(try await TestHTTPClient.get(port: server.port, "/sim/stats").body))
            #expect(stats["completed"] as? Int == 3)
            #expect(stats["generation_requests"] as? Int == 3)
            #expect(stats["active"] as? Int == 0)

            let all = try #require(SSE.array(try await TestHTTPClient.get(port: server.port, "/sim/truth").body))
            #expect(all.count == 3)
            let later = try #require(
                SSE.array(try await TestHTTPClient.get(port: server.port, "/sim/truth?since=1").body)
            )
            let ids = later.compactMap { ($0 as? [String: Any])?["request_id"] as? String }
            #expect(ids == ["r1", "r2"])
            let first = try #require(later.first as? [String: Any])
            #expect((first["event_nanoseconds"] as? [Any])?.count == 2)
            #expect(first["completion_tokens"] as? Int == 2)
        }
    }

    @Test func rejectsUnknownPathsAndMethods() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let missing = try await TestHTTPClient.get(port: server.port, "/v1/engines")
            #expect(missing.status == .notFound)
            #expect(SSE.object(missing.body)?["error"] != nil)
            let wrongMethod = try await TestHTTPClient.get(port: server.port, "/v1/completions")
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(server.stats().rejected == 2)
        }
    }
}
