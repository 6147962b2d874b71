import Foundation
import LLMBenchSimulator
import NIOHTTP1
import Testing

/// The prefix cache seen from outside: `cached_tokens` in every usage, the truth, `/metrics`,
/// llama.cpp's timings, and the next turn of a conversation hitting the previous turn's answer.
@Suite(.timeLimit(.minutes(1)))
struct PrefixCacheEndpointTests {
    /// `count` distinct one-token words.
    private static func words(_ count: Int, _ tag: String) -> String {
        (0..<count).map { "\(tag)\($0)" }.joined(separator: " ")
    }

    /// The JSON objects of the answer to `body` (the SSE payloads of a stream, else the body).
    private static func objects(
        _ server: SimulatedServer,
        _ path: String,
        _ body: String,
        requestID: String? = nil
    ) async throws -> [[String: Any]] {
        let response = try await TestHTTPClient.post(
            port: server.port,
            path,
            json: body,
            headers: requestID.map { [("x-request-id", $0)] } ?? []
        )
        #expect(response.status == .ok)
        let texts =
            response.headers["content-type"].first == "text/event-stream"
            ? SSE.payloads(response.body).filter { $0 != "[DONE]" } : [response.body]
        return texts.compactMap(SSE.object)
    }

    /// Every `usage.prompt_tokens_details.cached_tokens` of `objects`.
    private static func cachedTokens(_ objects: [[String: Any]]) -> [Int?] {
        objects.compactMap { $0["usage"] as? [String: Any] }.map {
            ($0["prompt_tokens_details"] as? [String: Any])?["cached_tokens"] as? Int
        }
    }

    @Test func aRepeatedPromptReportsItsCachedFullBlocksInEveryUsageAndTheTruth() async throws {
        let prompt = Self.words(40, "t")
        try await withSimulatedServer(options: .testing()) { server in
            let path = "/v1/completions"
            let first = try await Self.objects(server, path, RequestBodies.completion(prompt: prompt, maxTokens: 3))
            #expect(Self.cachedTokens(first) == [0])
            let perChunk = RequestBodies.completion(
                prompt: prompt,
                maxTokens: 3,
                includeUsage: false,
                extra: "\"stream_options\":{\"include_usage\":true,\"continuous_usage_stats\":true}"
            )
            // Blocks of 16: the first two of the 40 tokens (the third is not full).
            #expect(Self.cachedTokens(try await Self.objects(server, path, perChunk)) == [32, 32, 32, 32])
            let whole = RequestBodies.completion(prompt: prompt, maxTokens: 3, stream: false)
            #expect(Self.cachedTokens(try await Self.objects(server, path, whole)) == [32])
            #expect(server.truths().map(\.cachedTokens) == [0, 32, 32])
            #expect(server.truths().map(\.promptTokens) == [40, 40, 40])

            let page = try await MetricsPage.fetch(server)
            #expect(page.value("vllm:prefix_cache_queries_total") == 120)
            #expect(page.value("vllm:prefix_cache_queries_total") == page.value("vllm:prompt_tokens_total"))
            #expect(page.value("vllm:prefix_cache_hits_total") == 64)
        }
    }

    @Test func aNextChatTurnHitsThePreviousTurnsPromptAndAnswer() async throws {
        let system = Self.words(20, "s")
        let user = Self.words(10, "u")
        try await withSimulatedServer(options: .testing()) { server in
            let path = "/v1/chat/completions"
            let turn1 = RequestBodies.chat(
                messages: [("system", system), ("user", user)],
                maxTokens: 30,
                stream: false
            )
            let answer = try await Self.objects(server, path, turn1)
            let object = try #require(answer.first)
            let message = try #require(SSE.firstChoice(object)?["message"] as? [String: Any])
            let text = try #require(message["content"] as? String)
            let turn2 = RequestBodies.chat(
                messages: [("system", system), ("user", user), ("assistant", text), ("user", Self.words(10, "v"))],
                maxTokens: 4,
                stream: false
            )
            #expect(Self.cachedTokens(try await Self.objects(server, path, turn2)) == [48])
            // 20 + 10 + 29 tokens computed by turn 1 (its last token never is): 3 full blocks.
            #expect(server.truths().map(\.cachedTokens) == [0, 48])
            #expect(server.truths().map(\.promptTokens) == [30, 70])
        }
    }

    @Test func aNextCompletionTurnHitsThePreviousPromptAndItsContinuation() async throws {
        let prompt = Self.words(20, "p")
        try await withSimulatedServer(options: .testing()) { server in
            let path = "/v1/completions"
            let turn1 = RequestBodies.completion(prompt: prompt, maxTokens: 30, stream: false)
            let objects = try await Self.objects(server, path, turn1)
            let object = try #require(objects.first)
            let answer = try #require(SSE.firstChoice(object))
            let text = try #require(answer["text"] as? String)
            let history = prompt + "\\n\\n" + text + "\\n\\n" + Self.words(10, "q")
            let turn2 = RequestBodies.completion(prompt: history, maxTokens: 2, stream: false)
            #expect(Self.cachedTokens(try await Self.objects(server, path, turn2)) == [48])
        }
    }

    @Test func chatMessagesOfAnotherRoleDoNotHit() async throws {
        let text = Self.words(40, "r")
        try await withSimulatedServer(options: .testing()) { server in
            let path = "/v1/chat/completions"
            _ = try await Self.objects(server, path, RequestBodies.chat(messages: [("user", text)], stream: false))
            let system = RequestBodies.chat(messages: [("system", text)], stream: false)
            #expect(Self.cachedTokens(try await Self.objects(server, path, system)) == [0])
            let again = RequestBodies.chat(messages: [("user", text)], stream: false)
            #expect(Self.cachedTokens(try await Self.objects(server, path, again)) == [32])
        }
    }

    @Test func theLeastRecentlyUsedPromptIsEvictedFromAFullCache() async throws {
        let options = SimulatorOptions.testing { $0.prefixCache = PrefixCacheOptions(capacityTokens: 32) }
        let first = RequestBodies.completion(prompt: Self.words(40, "a"), maxTokens: 1, stream: false)
        let second = RequestBodies.completion(prompt: Self.words(40, "b"), maxTokens: 1, stream: false)
        try await withSimulatedServer(options: options) { server in
            let path = "/v1/completions"
            for body in [first, first, second, second, first] { _ = try await Self.objects(server, path, body) }
            #expect(server.truths().map(\.cachedTokens) == [0, 32, 0, 32, 0])
        }
    }

    @Test func withTheCacheOffNothingIsCachedOrQueried() async throws {
        let body = RequestBodies.completion(prompt: Self.words(40, "o"), maxTokens: 2)
        try await withSimulatedServer(options: .testing { $0.prefixCache = .off }) { server in
            for _ in 0..<2 {
                #expect(Self.cachedTokens(try await Self.objects(server, "/v1/completions", body)) == [0])
            }
            #expect(server.truths().map(\.cachedTokens) == [0, 0])
            let page = try await MetricsPage.fetch(server)
            #expect(page.value("vllm:prefix_cache_queries_total") == 0)
            #expect(page.value("vllm:prefix_cache_hits_total") == 0)
            #expect(page.value("vllm:prompt_tokens_total") == 80)
        }
    }

    @Test func llamaCppTimingsCountTheCachedTokensApartFromThePrefilledOnes() async throws {
        let body = RequestBodies.completion(prompt: Self.words(40, "l"), maxTokens: 3)
        try await withSimulatedServer(options: .testing { $0.serverTimings = true }) { server in
            var timings: [[String: Any]] = []
            for _ in 0..<2 {
                let last = try #require(try await Self.objects(server, "/v1/completions", body).last)
                timings.append(try #require(last["timings"] as? [String: Any]))
            }
            #expect(timings.map { $0["prompt_n"] as? Int } == [40, 8])
            #expect(timings.map { $0["cache_n"] as? Int } == [0, 32])
        }
    }

    @Test func theTruthCarriesTheSessionAndTurnOfAnLLMBenchRequestID() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let body = RequestBodies.completion(maxTokens: 2)
            for id in ["llmb-r1-c1-s0-r1-i2-t3-a1", "llmb-r1-c1-s0-r1-i2-a1"] {
                _ = try await Self.objects(server, "/v1/completions", body, requestID: id)
            }
            let session = try #require(server.truth(requestID: "llmb-r1-c1-s0-r1-i2-t3-a1"))
            #expect(session.sessionTurn == SessionTurn(session: 2, turn: 3))
            #expect(server.truth(requestID: "llmb-r1-c1-s0-r1-i2-a1")?.sessionTurn == nil)

            let truths = try await TestHTTPClient.get(port: server.port, "/sim/truth")
            let records = try #require(SSE.array(truths.body) as? [[String: Any]])
            #expect(records.map { $0["session"] as? Int } == [2, nil])
            #expect(records.map { $0["turn"] as? Int } == [3, nil])
            #expect(records.map { $0["cached_tokens"] as? Int } == [0, 0])
        }
    }
}
