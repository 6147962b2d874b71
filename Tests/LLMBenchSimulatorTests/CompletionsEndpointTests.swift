import LLMBenchSimulator
import NIOHTTP1
import Testing

@Suite(.timeLimit(.minutes(1)))
struct CompletionsEndpointTests {
    let tokenizer = SimulatedTokenizer()

    @Test func streamsExactlyMaxTokensThenUsageThenDone() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let response = try await TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: RequestBodies.completion(maxTokens: 7)
            )
            #expect(response.status == .ok)
            #expect(response.isComplete)
            #expect(response.headers["content-type"].first == "text/event-stream")
            #expect(response.body.hasSuffix("data: [DONE]\n\n"))

            let payloads = SSE.payloads(response.body)
            #expect(payloads.last == "[DONE]")
            let objects = payloads.dropLast().compactMap(SSE.object)
            #expect(objects.count == payloads.count - 1, "every event but [DONE] is a JSON object")

            let tokenEvents = objects.filter { !($0["choices"] as? [Any] ?? []).isEmpty }
            #expect(tokenEvents.count == 7)
            var text = ""
            for (index, event) in tokenEvents.enumerated() {
                #expect(event["object"] as? String == "text_completion")
                #expect(event["id"] as? String == "cmpl-1")
                #expect(event["model"] as? String == "llm-bench-sim")
                let choice = try #require(SSE.firstChoice(event))
                text += try #require(choice["text"] as? String)
                let finish = choice["finish_reason"] as? String
                #expect(finish == (index == 6 ? "length" : nil))
            }
            #expect(tokenizer.count(text) == 7)
            #expect(text.hasPrefix(" "))

            let usageChunk = try #require(objects.last)
            #expect((usageChunk["choices"] as? [Any])?.isEmpty == true)
            let usage = try #require(usageChunk["usage"] as? [String: Any])
            #expect(usage["prompt_tokens"] as? Int == 4)
            #expect(usage["completion_tokens"] as? Int == 7)
            #expect(usage["total_tokens"] as? Int == 11)
        }
    }

    @Test func omitsUsageUnlessAsked() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let response = try await TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: RequestBodies.completion(maxTokens: 3, includeUsage: false)
            )
            let payloads = SSE.payloads(response.body)
            #expect(payloads.count == 4)
            #expect(!response.body.contains("\"usage\""))
        }
    }

    @Test func answersWithoutStreaming() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let response = try await TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: RequestBodies.completion(prompt: "một hai ba", maxTokens: 5, stream: false)
            )
            #expect(response.status == .ok)
            #expect(response.headers["content-length"].first == "\(response.body.utf8.count)")
            let object = try #require(SSE.object(response.body))
            #expect(object["object"] as? String == "text_completion")
            let choice = try #require(SSE.firstChoice(object))
            #expect(tokenizer.count(try #require(choice["text"] as? String)) == 5)
            #expect(choice["finish_reason"] as? String == "length")
            let usage = try #require(object["usage"] as? [String: Any])
            #expect(usage["prompt_tokens"] as? Int == 3)
            #expect(usage["completion_tokens"] as? Int == 5)
            let truth = try #require(server.truth(requestID: "cmpl-1"))
            #expect(truth.isStreaming == false)
            #expect(truth.eventNanoseconds.count == 1)
            #expect(truth.completionTokens == 5)
        }
    }

    @Test func defaultsToSixteenTokens() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let response = try await TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: RequestBodies.completion(maxTokens: nil, stream: false)
            )
            let usage = try #require(SSE.object(response.body)?["usage"] as? [String: Any])
            #expect(usage["completion_tokens"] as? Int == 16)
        }
    }

    @Test func acceptsPromptArraysAndTokenIds() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let texts = try await TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: "{\"prompt\":[\"Hà Nội, Việt Nam\"],\"max_tokens\":1}"
            )
            #expect(usagePromptTokens(texts) == 5)
            let ids = try await TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: "{\"prompt\":[1,2,3,4,5],\"max_tokens\":1}"
            )
            #expect(usagePromptTokens(ids) == 5)
        }
    }

    @Test func servesManyRequestsOnOneConnection() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let client = try await TestHTTPClient.connect(port: server.port)
            for _ in 0..<3 {
                let response = try await client.send(
                    TestRequest.completion(maxTokens: 4)
                )
                #expect(response.isComplete)
                #expect(SSE.payloads(response.body).last == "[DONE]")
            }
            let health = try await client.send(TestRequest(path: "/health"))
            #expect(health.status == .ok)
            await client.close()
            #expect(server.stats().completed == 3)
        }
    }

    @Test func packsTokensIntoEvents() async throws {
        try await withSimulatedServer(options: .testing { $0.tokensPerEvent = 4 }) { server in
            let response = try await TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: RequestBodies.completion(maxTokens: 10),
                headers: [("x-request-id", "packed")]
            )
            let texts = SSE.payloads(response.body).compactMap(SSE.object).compactMap {
                SSE.firstChoice($0)?["text"] as? String
            }
            #expect(texts.map(tokenizer.count) == [4, 4, 2])
            let truth = try #require(server.truth(requestID: "packed"))
            #expect(truth.tokensPerEvent == [4, 4, 2])
            #expect(truth.eventNanoseconds.count == 3)
            #expect(truth.completionTokens == 10)
        }
    }

    @Test func endOfSequenceHonoursMinTokens() async throws {
        try await withSimulatedServer(options: .testing { $0.eosProbability = 0.5 }) { server in
            var stopped = 0
            for index in 0..<12 {
                let response = try await TestHTTPClient.post(
                    port: server.port,
                    "/v1/completions",
                    json: RequestBodies.completion(maxTokens: 40, stream: false, extra: "\"min_tokens\":5"),
                    headers: [("x-request-id", "eos-\(index)")]
                )
                let object = try #require(SSE.object(response.body))
                let tokens = try #require((object["usage"] as? [String: Any])?["completion_tokens"] as? Int)
                let finish = SSE.firstChoice(object)?["finish_reason"] as? String
                #expect(tokens >= 5 && tokens <= 40)
                #expect(finish == (tokens < 40 ? "stop" : "length"))
                #expect(server.truth(requestID: "eos-\(index)")?.outcome == finish)
                if finish == "stop" { stopped += 1 }
            }
            #expect(stopped > 6, "with p = 0.5 per token almost every request stops early")

            let ignoring = try await TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: RequestBodies.completion(maxTokens: 40, extra: "\"ignore_eos\":true")
            )
            let events = SSE.payloads(ignoring.body).compactMap(SSE.object).filter {
                !($0["choices"] as? [Any] ?? []).isEmpty
            }
            #expect(events.count == 40)
        }
    }

    private func usagePromptTokens(_ response: TestResponse) -> Int? {
        (SSE.object(response.body)?["usage"] as? [String: Any])?["prompt_tokens"] as? Int
    }
}

extension CompletionsEndpointTests {
    @Test func answersExpectContinueBeforeTheBody() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            // The tiny client sends the body at once; the server must still answer 100 then the response.
            let response = try await TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: RequestBodies.completion(maxTokens: 2, stream: false),
                headers: [("expect", "100-continue")]
            )
            #expect(response.status == .ok)
            #expect(response.isComplete)
        }
    }
}
