import LLMBenchSimulator
import NIOHTTP1
import Testing

@Suite(.timeLimit(.minutes(1)))
struct ChatCompletionsEndpointTests {
    let tokenizer = SimulatedTokenizer()

    @Test func streamsRoleContentFinishUsageAndDone() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let response = try await TestHTTPClient.post(
                port: server.port,
                "/v1/chat/completions",
                json: RequestBodies.chat(maxTokens: 6)
            )
            #expect(response.status == .ok)
            let payloads = SSE.payloads(response.body)
            #expect(payloads.last == "[DONE]")
            let chunks = payloads.dropLast().compactMap(SSE.object)
            #expect(chunks.count == payloads.count - 1)
            #expect(chunks.allSatisfy { $0["object"] as? String == "chat.completion.chunk" })
            #expect(chunks.allSatisfy { $0["id"] as? String == "chatcmpl-1" })

            // role, 6 content chunks, finish, usage
            #expect(chunks.count == 9)
            let role = try #require(SSE.firstChoice(chunks[0])?["delta"] as? [String: Any])
            #expect(role["role"] as? String == "assistant")
            #expect(role["content"] as? String == "")

            let contents = chunks[1...6].compactMap {
                (SSE.firstChoice($0)?["delta"] as? [String: Any])?["content"] as? String
            }
            #expect(contents.count == 6)
            #expect(contents.allSatisfy { tokenizer.count($0) == 1 })

            let finish = try #require(SSE.firstChoice(chunks[7]))
            #expect(finish["finish_reason"] as? String == "length")
            #expect((finish["delta"] as? [String: Any])?.isEmpty == true)

            let usage = try #require(chunks[8]["usage"] as? [String: Any])
            // "Trả lời ngắn." (4) + "Hà Nội ở đâu?" (5)
            #expect(usage["prompt_tokens"] as? Int == 9)
            #expect(usage["completion_tokens"] as? Int == 6)

            let truth = try #require(server.truth(requestID: "chatcmpl-1"))
            #expect(truth.path == "/v1/chat/completions")
            #expect(truth.promptTokens == 9)
            #expect(truth.eventNanoseconds.count == 6)
        }
    }

    @Test func answersWithoutStreaming() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let response = try await TestHTTPClient.post(
                port: server.port,
                "/v1/chat/completions",
                json: RequestBodies.chat(maxTokens: 3, stream: false)
            )
            let object = try #require(SSE.object(response.body))
            #expect(object["object"] as? String == "chat.completion")
            let choice = try #require(SSE.firstChoice(object))
            let message = try #require(choice["message"] as? [String: Any])
            #expect(message["role"] as? String == "assistant")
            #expect(tokenizer.count(try #require(message["content"] as? String)) == 3)
            #expect(choice["finish_reason"] as? String == "length")
            #expect((object["usage"] as? [String: Any])?["total_tokens"] as? Int == 12)
        }
    }

    @Test func countsContentPartsOfMessages() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let body = """
                {"messages":[{"role":"user","content":[{"type":"text","text":"một hai"},{"type":"text","text":"ba"}]}],
                 "max_tokens":1}
                """
            let response = try await TestHTTPClient.post(port: server.port, "/v1/chat/completions", json: body)
            #expect((SSE.object(response.body)?["usage"] as? [String: Any])?["prompt_tokens"] as? Int == 3)
        }
    }
}
