import Foundation
import LLMBenchSimulator
import NIOCore
import NIOHTTP1
import Testing

@testable import LLMBench

/// `api: responses` end to end against the simulator: exact prompts counted by the server's
/// `usage`, the figures of every request, a next turn by `previous_response_id`, the config.
struct ResponsesAPITests {
    /// A deterministic simulator without tokenize endpoints, so prompt lengths come from `usage`.
    static let usageOnlySimulator = SimulatorOptions(
        latency: .deterministic(timeToFirstTokenMilliseconds: 15, interTokenMilliseconds: 4),
        tokenizeEndpoints: false
    )

    @Test func aRunOnTheResponsesAPIHasExactPromptsAndEveryFigure() async throws {
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: Self.usageOnlySimulator) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 2, concurrency: 3)
                config.api = .responses
                config.cases = [BenchmarkCase(inputTokens: 24, outputTokens: 10)]
                let report = try await BenchmarkRunner(config: config).run()
                let summary = try #require(report.cases.first)
                #expect(summary.failedRequests == 0 && summary.successfulRequests == 6)
                #expect(summary.promptTokensSource == "usage")
                #expect(
                    summary.preparedPromptTokens?.lowerBound == 24 && summary.preparedPromptTokens?.upperBound == 24
                )
                #expect(summary.meanInputTokensServer == 24)
                #expect(summary.inputMismatchRequests == 0)
                #expect(summary.meanOutputTokensServer == 10)
                #expect(summary.meanTokenEvents == 10)
                #expect(summary.latency[.ttft]?.count == 6)
                #expect(summary.latency[.itl]?.count == 6 * 9)

                let records = try jsonObjects(ofFile: report.files.requests)
                #expect(records.count == 6)
                for record in records {
                    #expect(record["status"] as? String == "ok")
                    #expect(record["done_marker"] as? Bool == true, "response.incomplete ended the stream")
                    #expect(record["finish_reason"] as? String == "length")
                    #expect(record["input_tokens_server"] as? Int == 24)
                    #expect(record["output_tokens_server"] as? Int == 10)
                    let id = try #require(record["request_id"] as? String)
                    let truth = try #require(server.truth(requestID: id))
                    #expect(
                        record["cached_tokens"] as? Int == truth.cachedTokens,
                        "the prefix cache's hits, as reported"
                    )
                    #expect(truth.path == "/v1/responses")
                    #expect(truth.promptTokens == 24)
                    let ttft = try #require(record["ttft_ms"] as? Double)
                    let send = try #require(record["send_clock_ns"] as? Int)
                    let firstWritten = Double(Int(try #require(truth.eventNanoseconds.first)) - send) / 1e6
                    #expect(ttft >= firstWritten - 0.001, "TTFT is the first delta, not the opening events before it")
                }
                let generated = server.truths().filter { $0.path == "/v1/responses" }
                #expect(generated.contains { !$0.isStreaming && $0.maxTokens == 16 }, "length probes ran")
                #expect(
                    !generated.contains { !$0.isStreaming && $0.maxTokens < 16 },
                    "no probe below OpenAI's minimum of 16"
                )
            }
        }
    }

    @Test func aNextTurnByPreviousResponseIDIsCountedWithTheConversation() async throws {
        try await withSimulatedServer(options: instantSimulator) { server in
            let executor = makeExecutor(for: server)
            var factory = executor.factory
            factory.api = .responses
            let connection = try await executor.connect()
            defer { Task { await connection.close() } }
            let first = try await Self.exchange(
                factory.streamingBody(messages: [.user("Hà Nội ở đâu?")], maxTokens: 4),
                factory: factory,
                on: connection
            )
            let firstID = try #require(first.responseID)
            let answer = try #require(first.answerText)
            #expect(first.promptTokens == 5)
            let second = try await Self.exchange(
                factory.streamingBody(messages: [.user("Còn Huế?")], maxTokens: 3, previousResponseID: firstID),
                factory: factory,
                on: connection
            )
            #expect(second.promptTokens == 5 + SimulatedTokenizer().count(answer) + 3)
            #expect(second.responseID != firstID)
            #expect(second.tokenEvents == 3 && second.sawDoneMarker)
        }
    }

    @Test func anUnknownPreviousResponseIsAClientErrorWithTheServersMessage() async throws {
        try await withSimulatedServer(options: instantSimulator) { server in
            let executor = makeExecutor(for: server)
            var factory = executor.factory
            factory.api = .responses
            let connection = try await executor.connect()
            defer { Task { await connection.close() } }
            let body = factory.streamingBody(messages: [.user("Còn Huế?")], maxTokens: 3, previousResponseID: "resp_x")
            let answer = try await connection.exchange(
                head: Self.head(factory, body),
                body: body,
                isStreaming: true,
                timeouts: RequestTimeouts(),
                maxBodyBytes: 1 << 20,
                readsResponseEvents: true
            )
            let failure = RequestExecutor.failure(for: answer)
            #expect(failure.kind == .http4xx)
            #expect(failure.message.contains("Previous response with id 'resp_x' not found."))
        }
    }

    @Test func theErrorEventFaultFailsTheRequestAsAServerErrorEvent() async throws {
        var options = instantSimulator
        options.faults = .only(.errorEvent, firstRequests: 1)
        try await withSimulatedServer(options: options) { server in
            let executor = makeExecutor(for: server)
            var factory = executor.factory
            factory.api = .responses
            let connection = try await executor.connect()
            defer { Task { await connection.close() } }
            let failure = await #expect(throws: RequestFailure.self) {
                _ = try await Self.exchange(
                    factory.streamingBody(messages: [.user("Xin chào")], maxTokens: 4),
                    factory: factory,
                    on: connection
                )
            }
            #expect(failure?.kind == .serverErrorEvent)
            #expect(failure?.message == "simulated failure")
            #expect(failure?.tokenEventsReceived == 1)
        }
    }

    @Test func theBodyCarriesInputMaxOutputTokensAndThePreviousResponse() throws {
        var factory = RequestFactory(
            address: ServerAddress(parsing: "http://127.0.0.1:8000/v1")!,
            apiKey: nil,
            extraHeaders: [:],
            model: "m",
            api: .responses,
            extraBody: ["temperature": "0"],
            continuousUsageStats: true
        )
        let body = factory.streamingBody(
            messages: [.user("a"), .assistant("b")],
            maxTokens: 7,
            forcesLength: true,
            previousResponseID: "resp_1"
        )
        #expect(
            String(buffer: body)
                == #"{"model":"m","input":[{"type":"message","role":"user","content":"a"},{"type":"message","role":"assistant","content":"b"}],"previous_response_id":"resp_1","max_output_tokens":7,"stream":true,"ignore_eos":true,"min_tokens":7,"temperature":0}"#
        )
        #expect(factory.generationPath == "/responses")
        factory.api = .chat
        let chat = String(buffer: factory.streamingBody(messages: [.user("a")], maxTokens: 7, previousResponseID: "x"))
        #expect(!chat.contains("previous_response_id"), "only the Responses API keeps a conversation on the server")
    }

    @Test func theControlPlaneReadsAResponseObjectAndAResponsesStream() throws {
        let object =
            #"{"id":"resp_1","object":"response","output":[{"type":"reasoning","summary":[]},{"type":"message","content":[{"type":"output_text","text":"Xin chào"}]}],"usage":{"input_tokens":7,"output_tokens":2}}"#
        let answer = try #require(GenerationAnswer(body: Array(object.utf8)))
        #expect(answer.text == "Xin chào", "the message's output_text, not the reasoning item")
        #expect(answer.promptTokens == 7 && answer.completionTokens == 2)
        #expect(!answer.isStream)
        let stream = try #require(GenerationAnswer(body: try ResponsesStreamTests.stream()))
        #expect(stream.text == "Xin chào \"bạn\"\n")
        #expect(stream.promptTokens == 23 && stream.completionTokens == 9)
        #expect(stream.isStream && stream.tokenEvents == 3)
    }

    @Test func theConfigTakesTheResponsesAPI() throws {
        let config = try ConfigLoader.parse(
            yaml: "api: responses\n" + minimalConfigYAML,
            file: "bench.yaml",
            environment: [:]
        )
        #expect(config.api == .responses)
    }

    @Test func continuousUsageStatsIsRefusedWithTheResponsesAPI() throws {
        let error = #expect(throws: ConfigError.self) {
            try ConfigLoader.parse(
                yaml: "api: responses\ncontinuous_usage_stats: true\n" + minimalConfigYAML,
                file: "bench.yaml",
                environment: [:]
            )
        }
        #expect(error?.description.contains("continuous_usage_stats") == true)
        #expect(error?.description.contains("api: responses") == true)
    }

    @Test(arguments: ["input", "max_output_tokens", "previous_response_id"])
    func extraBodyCannotSetWhatTheResponsesRequestSets(field: String) throws {
        let error = #expect(throws: ConfigError.self) {
            try ConfigLoader.parse(
                yaml: "api: responses\nextra_body: {\(field): 1}\n" + minimalConfigYAML,
                file: "bench.yaml",
                environment: [:]
            )
        }
        #expect(error?.description.contains("llm-bench sets those itself") == true)
    }

    // MARK: - Helpers

    static func head(_ factory: RequestFactory, _ body: ByteBuffer) -> HTTPRequestHead {
        factory.head(
            method: .POST,
            path: factory.generationPath,
            bodyLength: body.readableBytes,
            acceptsEventStream: true
        )
    }

    /// A streamed Responses exchange that keeps the answer; its timeline.
    static func exchange(_ body: ByteBuffer, factory: RequestFactory, on connection: HTTPConnection)
        async throws -> StreamTimeline
    {
        let answer = try await connection.exchange(
            head: head(factory, body),
            body: body,
            isStreaming: true,
            timeouts: RequestTimeouts(),
            maxBodyBytes: 1 << 20,
            readsResponseEvents: true,
            collectsAnswer: true
        )
        let text = String(decoding: answer.body.readableBytesView, as: UTF8.self)
        return try #require(answer.timeline, "HTTP \(answer.status): \(text)")
    }
}
