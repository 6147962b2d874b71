import Foundation
import LLMBenchSimulator
import NIOHTTP1
import Testing

/// `POST /v1/responses`: OpenAI's event order and shapes, the non-streamed `response` object, the
/// input forms, `previous_response_id` over the stored responses, refusals and the fault.
@Suite(.timeLimit(.minutes(1)))
struct ResponsesEndpointTests {
    let tokenizer = SimulatedTokenizer()

    /// One streamed event: the `event:` line's type and the data's object.
    struct Event {
        var type: String
        var object: [String: Any]
    }

    /// The events of an SSE body.
    static func events(_ body: String) -> [Event] {
        body.components(separatedBy: "\n\n").compactMap { block in
            let lines = block.split(separator: "\n")
            guard let type = lines.first(where: { $0.hasPrefix("event: ") })?.dropFirst(7),
                let data = lines.first(where: { $0.hasPrefix("data: ") })?.dropFirst(6),
                let object = SSE.object(String(data))
            else { return nil }
            return Event(type: String(type), object: object)
        }
    }

    static func body(
        input: String = #""Hà Nội ở đâu?""#,
        maxOutputTokens: Int? = 6,
        stream: Bool = true,
        extra: String = ""
    ) -> String {
        var fields = ["\"model\":\"llm-bench-sim\"", "\"input\":\(input)", "\"stream\":\(stream)"]
        if let maxOutputTokens { fields.append("\"max_output_tokens\":\(maxOutputTokens)") }
        if !extra.isEmpty { fields.append(extra) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    static func post(_ server: SimulatedServer, _ body: String) async throws -> TestResponse {
        try await TestHTTPClient.post(port: server.port, "/v1/responses", json: body)
    }

    @Test func streamsOpenAIsEventsInOrderWithUsage() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let response = try await Self.post(server, Self.body(extra: #""instructions":"Trả lời ngắn.""#))
            #expect(response.status == .ok)
            #expect(response.headers.first(name: "content-type") == "text/event-stream")
            let events = Self.events(response.body)
            let opening = [
                "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
            ]
            let closing = [
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.incomplete",
            ]
            let deltas = Array(repeating: "response.output_text.delta", count: 6)
            #expect(events.map(\.type) == opening + deltas + closing)
            #expect(events.allSatisfy { $0.object["type"] as? String == $0.type })
            #expect(events.map { $0.object["sequence_number"] as? Int } == Array(0..<events.count))
            #expect((events[0].object["response"] as? [String: Any])?["id"] as? String == "resp_1")

            let texts = events[4..<10].compactMap { $0.object["delta"] as? String }
            #expect(texts.count == 6 && texts.allSatisfy { tokenizer.count($0) == 1 })
            #expect(events[10].object["text"] as? String == texts.joined())

            let final = try #require(events.last?.object["response"] as? [String: Any])
            #expect(final["status"] as? String == "incomplete")
            #expect((final["incomplete_details"] as? [String: Any])?["reason"] as? String == "max_output_tokens")
            let usage = try #require(final["usage"] as? [String: Any])
            // "Trả lời ngắn." (4) + "Hà Nội ở đâu?" (5)
            #expect(usage["input_tokens"] as? Int == 9)
            #expect((usage["input_tokens_details"] as? [String: Any])?["cached_tokens"] as? Int == 0)
            #expect(usage["output_tokens"] as? Int == 6)
            #expect((usage["output_tokens_details"] as? [String: Any])?["reasoning_tokens"] as? Int == 0)
            #expect(usage["total_tokens"] as? Int == 15)

            let truth = try #require(server.truth(requestID: "resp_1"))
            #expect(truth.path == "/v1/responses")
            #expect(truth.promptTokens == 9)
            #expect(truth.eventNanoseconds.count == 6)
            #expect(truth.outcome == "length")
        }
    }

    @Test func anAnswerEndedByAnEOSIsCompleted() async throws {
        try await withSimulatedServer(options: .testing { $0.eosProbability = 1 }) { server in
            let events = Self.events(try await Self.post(server, Self.body()).body)
            #expect(events.last?.type == "response.completed")
            let final = try #require(events.last?.object["response"] as? [String: Any])
            #expect(final["status"] as? String == "completed")
            #expect(final["incomplete_details"] is NSNull)
            #expect((final["usage"] as? [String: Any])?["output_tokens"] as? Int == 1)
        }
    }

    @Test func answersWithoutStreamingWithOneResponseObject() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let response = try await Self.post(server, Self.body(maxOutputTokens: 3, stream: false))
            #expect(response.headers.first(name: "content-type") == "application/json")
            let object = try #require(SSE.object(response.body))
            #expect(object["object"] as? String == "response")
            let message = try #require((object["output"] as? [[String: Any]])?.first)
            #expect(message["type"] as? String == "message" && message["role"] as? String == "assistant")
            let part = try #require((message["content"] as? [[String: Any]])?.first)
            #expect(part["type"] as? String == "output_text")
            #expect(tokenizer.count(try #require(part["text"] as? String)) == 3)
            #expect((object["usage"] as? [String: Any])?["total_tokens"] as? Int == 8)
        }
    }

    @Test func readsInputAsTextOrAsMessagesWithParts() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let input = """
                [{"role":"user","content":[{"type":"input_text","text":"một hai"},{"type":"input_text","text":"ba"}]},
                 {"type":"message","role":"assistant","content":[{"type":"output_text","text":"bốn"}]},
                 {"role":"user","content":"năm sáu"}]
                """
            let parts = try await Self.post(server, Self.body(input: input, maxOutputTokens: 1, stream: false))
            #expect(Self.usage(parts)?["input_tokens"] as? Int == 6)
            let text = try await Self.post(
                server,
                Self.body(input: #""một hai ba""#, maxOutputTokens: 1, stream: false)
            )
            #expect(Self.usage(text)?["input_tokens"] as? Int == 3)
        }
    }

    @Test func aTurnAfterAPreviousResponseCountsThatConversationInItsPrompt() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let first = try #require(
                SSE.object(
                    try await Self.post(
                        server,
                        Self.body(maxOutputTokens: 3, stream: false, extra: #""instructions":"Trả lời ngắn.""#)
                    ).body
                )
            )
            let firstID = try #require(first["id"] as? String)
            let firstAnswer = try #require(Self.outputText(first))
            let second = try await Self.post(
                server,
                Self.body(input: #""Còn Huế?""#, maxOutputTokens: 2, extra: #""previous_response_id":"\#(firstID)""#)
            )
            #expect(second.status == .ok)
            let events = Self.events(second.body)
            let final = try #require(events.last?.object["response"] as? [String: Any])
            #expect(final["previous_response_id"] as? String == firstID)
            // The first input (5) and answer, not its instructions (OpenAI does not carry them over), then "Còn Huế?" (3).
            let history = 5 + tokenizer.count(firstAnswer)
            #expect((final["usage"] as? [String: Any])?["input_tokens"] as? Int == history + 3)

            let secondID = try #require(final["id"] as? String)
            let secondAnswer = try #require(Self.outputText(final))
            let third = try await Self.post(
                server,
                Self.body(
                    input: #""Và Đà Nẵng?""#,
                    maxOutputTokens: 1,
                    stream: false,
                    extra: #""previous_response_id":"\#(secondID)""#
                )
            )
            let expected = history + 3 + tokenizer.count(secondAnswer) + 4
            #expect(Self.usage(third)?["input_tokens"] as? Int == expected)
            #expect(server.truth(requestID: "resp_3")?.promptTokens == expected)
        }
    }

    @Test func anUnknownPreviousResponseIsRefusedAsOpenAIRefusesIt() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let response = try await Self.post(server, Self.body(extra: #""previous_response_id":"resp_404""#))
            #expect(response.status == .badRequest)
            let error = try #require(SSE.object(response.body)?["error"] as? [String: Any])
            #expect(error["message"] as? String == "Previous response with id 'resp_404' not found.")
            #expect(error["type"] as? String == "invalid_request_error")
            #expect(error["param"] as? String == "previous_response_id")
            #expect(error["code"] as? String == "previous_response_not_found")
            #expect(server.truths().isEmpty, "a refused request is not generated")
        }
    }

    @Test func aResponseSentWithStoreFalseCannotBeContinued() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let first = try await Self.post(
                server,
                Self.body(maxOutputTokens: 1, stream: false, extra: #""store":false"#)
            )
            #expect(SSE.object(first.body)?["store"] as? Bool == false)
            let next = try await Self.post(server, Self.body(extra: #""previous_response_id":"resp_1""#))
            #expect(next.status == .badRequest)
        }
    }

    @Test(arguments: [
        (#"{"model":"llm-bench-sim","max_output_tokens":4}"#, "input"),
        (Self.body(maxOutputTokens: 0), "max_output_tokens"),
        (Self.body(input: "42"), "input"),
    ])
    func aBadRequestIsRefusedNamingItsParameter(body: String, param: String) async throws {
        try await withSimulatedServer(options: .testing()) { server in
            let response = try await Self.post(server, body)
            #expect(response.status == .badRequest)
            #expect((SSE.object(response.body)?["error"] as? [String: Any])?["param"] as? String == param)
        }
    }

    @Test func lengthFieldsAreRefusedWhenTheServerIsStrict() async throws {
        try await withSimulatedServer(options: .testing { $0.acceptsExtraFields = false }) { server in
            let response = try await Self.post(server, Self.body(extra: #""ignore_eos":true"#))
            #expect(response.status == .badRequest)
            #expect((SSE.object(response.body)?["error"] as? [String: Any])?["param"] as? String == "ignore_eos")
        }
    }

    @Test func theErrorEventFaultIsAFailedResponse() async throws {
        let options = SimulatorOptions.testing { $0.faults = .only(.errorEvent, firstRequests: 1) }
        try await withSimulatedServer(options: options) { server in
            let response = try await Self.post(server, Self.body())
            #expect(response.isComplete)
            let events = Self.events(response.body)
            #expect(events.count == 6, "four opening events, one delta, then the failure")
            #expect(events.last?.type == "response.failed")
            #expect(events.last?.object["sequence_number"] as? Int == 5)
            let final = try #require(events.last?.object["response"] as? [String: Any])
            #expect(final["status"] as? String == "failed")
            #expect((final["error"] as? [String: Any])?["message"] as? String == "simulated failure")
            #expect(server.truth(requestID: "resp_1")?.outcome == "fault")
        }
    }

    @Test func theMetricsCountResponsesAsTheOtherEndpoints() async throws {
        try await withSimulatedServer(options: .testing()) { server in
            _ = try await Self.post(server, Self.body())
            _ = try await Self.post(server, Self.body(maxOutputTokens: 2, stream: false))
            let page = try await MetricsPage.fetch(server)
            #expect(page.value("vllm:request_success_total", "finished_reason=\"length\"") == 2)
            #expect(page.value("vllm:prompt_tokens_total") == 10)
            #expect(page.value("vllm:generation_tokens_total") == 8)
        }
    }

    static func usage(_ response: TestResponse) -> [String: Any]? {
        SSE.object(response.body)?["usage"] as? [String: Any]
    }

    /// The text of a response object's output message.
    static func outputText(_ response: [String: Any]) -> String? {
        let message = (response["output"] as? [[String: Any]])?.first
        return ((message?["content"] as? [[String: Any]])?.first)?["text"] as? String
    }
}
