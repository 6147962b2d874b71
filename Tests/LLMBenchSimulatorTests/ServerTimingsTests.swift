import LLMBenchSimulator
import NIOHTTP1
import Testing

/// llama.cpp's `timings` (option `serverTimings`) and vLLM's `usage.prompt_tokens_details`.
@Suite(.timeLimit(.minutes(1)))
struct ServerTimingsTests {
    private static let timed = SimulatorOptions.testing {
        $0.latency = .deterministic(timeToFirstTokenMilliseconds: 2, interTokenMilliseconds: 1)
        $0.serverTimings = true
    }

    /// The request `body` on `path`; returns the object that carries `timings` and the truth.
    private func timings(
        _ path: String,
        _ body: String,
        options: SimulatorOptions = Self.timed
    ) async throws -> (objects: [[String: Any]], truth: RequestTruth) {
        let (texts, truth) = try await withSimulatedServer(options: options) { server in
            let response = try await TestHTTPClient.post(
                port: server.port,
                path,
                json: body,
                headers: [("x-request-id", "timed")]
            )
            #expect(response.isComplete)
            let texts =
                response.headers["content-type"].first == "text/event-stream"
                ? SSE.payloads(response.body).filter { $0 != "[DONE]" } : [response.body]
            return (texts, try #require(server.truth(requestID: "timed")))
        }
        let objects = texts.compactMap(SSE.object)
        #expect(objects.count == texts.count)
        return (objects, truth)
    }

    /// The timings equal the truth's prefill and decode, as llama.cpp defines its ratios.
    private func expectTimings(_ object: [String: Any], match truth: RequestTruth) throws {
        let timings = try #require(object["timings"] as? [String: Any])
        let promptMilliseconds = Double(try #require(truth.prefillNanoseconds)) / 1e6
        let predictedMilliseconds = Double(try #require(truth.decodeNanoseconds)) / 1e6
        let prefilled = truth.promptTokens - truth.cachedTokens
        #expect(timings["prompt_n"] as? Int == prefilled)
        #expect(timings["prompt_ms"] as? Double == promptMilliseconds)
        #expect(timings["predicted_n"] as? Int == truth.completionTokens)
        #expect(timings["predicted_ms"] as? Double == predictedMilliseconds)
        #expect(timings["cache_n"] as? Int == truth.cachedTokens)
        let perToken = try #require(timings["predicted_per_token_ms"] as? Double)
        #expect(abs(perToken - predictedMilliseconds / Double(truth.completionTokens - 1)) < 1e-9)
        let perSecond = try #require(timings["predicted_per_second"] as? Double)
        #expect(abs(perSecond - Double(truth.completionTokens) * 1000 / predictedMilliseconds) < 1e-6)
        let promptPerToken = try #require(timings["prompt_per_token_ms"] as? Double)
        #expect(abs(promptPerToken - promptMilliseconds / Double(prefilled)) < 1e-9)
        #expect(timings["prompt_per_second"] is Double)
    }

    @Test func aCompletionStreamWithoutUsageCarriesTimingsOnItsLastTokenEvent() async throws {
        let (objects, truth) = try await timings(
            "/v1/completions",
            RequestBodies.completion(maxTokens: 6, includeUsage: false)
        )
        #expect(objects.count == 6)
        #expect(objects.dropLast().allSatisfy { $0["timings"] == nil })
        let last = try #require(objects.last)
        #expect(SSE.firstChoice(last)?["finish_reason"] as? String == "length")
        #expect(truth.lastTokenNanoseconds == truth.eventNanoseconds.last)
        try expectTimings(last, match: truth)
    }

    @Test func aStreamWithUsageCarriesTimingsOnItsUsageChunk() async throws {
        let (objects, truth) = try await timings("/v1/completions", RequestBodies.completion(maxTokens: 5))
        #expect(objects.dropLast().allSatisfy { $0["timings"] == nil })
        try expectTimings(try #require(objects.last), match: truth)
    }

    @Test func aChatStreamCarriesTimingsOnItsFinishChunk() async throws {
        let (objects, truth) = try await timings(
            "/v1/chat/completions",
            RequestBodies.chat(maxTokens: 4, includeUsage: false)
        )
        let last = try #require(objects.last)
        #expect(SSE.firstChoice(last)?["finish_reason"] as? String == "length")
        #expect(objects.dropLast().allSatisfy { $0["timings"] == nil })
        try expectTimings(last, match: truth)
    }

    @Test func aWholeAnswerCarriesTimings() async throws {
        let (objects, truth) = try await timings(
            "/v1/completions",
            RequestBodies.completion(maxTokens: 5, stream: false)
        )
        try expectTimings(try #require(objects.first), match: truth)
        #expect(try #require(truth.decodeNanoseconds) > 0)
    }

    @Test func noTimingsUnlessAsked() async throws {
        let (objects, _) = try await timings(
            "/v1/completions",
            RequestBodies.completion(maxTokens: 3),
            options: .testing()
        )
        #expect(objects.allSatisfy { $0["timings"] == nil })
    }

    @Test func usageOfAFreshServerSaysNoPromptTokenCameFromTheCache() async throws {
        for body in [RequestBodies.completion(maxTokens: 3), RequestBodies.completion(maxTokens: 3, stream: false)] {
            let (objects, _) = try await timings("/v1/completions", body, options: .testing())
            let usage = try #require(objects.last?["usage"] as? [String: Any])
            let details = try #require(usage["prompt_tokens_details"] as? [String: Any])
            #expect(details["cached_tokens"] as? Int == 0)
        }
    }

    @Test func theTruthRecordsEveryServerSideMoment() async throws {
        let (_, truth) = try await timings("/v1/completions", RequestBodies.completion(maxTokens: 4))
        let admitted = try #require(truth.admittedNanoseconds)
        let first = try #require(truth.firstTokenNanoseconds)
        #expect(truth.receivedNanoseconds <= admitted)
        #expect(first == truth.eventNanoseconds.first)
        #expect(truth.endedNanoseconds == truth.lastTokenNanoseconds)
        #expect(truth.timeToFirstTokenNanoseconds == first - truth.receivedNanoseconds)
        #expect(
            truth.queueNanoseconds.map { $0 + (truth.prefillNanoseconds ?? 0) } == truth.timeToFirstTokenNanoseconds
        )
        #expect(try #require(truth.prefillNanoseconds) >= 2_000_000)
    }
}
