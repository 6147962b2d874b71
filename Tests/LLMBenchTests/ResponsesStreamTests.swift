import Foundation
import LLMBenchSupport
import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

@testable import LLMBench

/// The Responses API's stream through the timed handler: its events read on every split of a
/// captured-shape stream, its end without `[DONE]`, its failures classified.
struct ResponsesStreamTests {
    /// `Fixtures/sse/responses-stream.txt`: a reasoning summary delta, three answer deltas and an
    /// empty one, `.done` events repeating the text, and `response.completed` with usage.
    static func stream(_ name: String = "responses-stream") throws -> [UInt8] {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures/sse")
        )
        return Array(try Data(contentsOf: url))
    }

    /// The offset just past the blank line that ends the first event of type `type`.
    static func end(ofFirst type: String, in stream: [UInt8]) throws -> Int {
        let text = String(decoding: stream, as: UTF8.self)
        let start = try #require(text.range(of: "event: \(type)\n"))
        let blank = try #require(text.range(of: "\n\n", range: start.upperBound..<text.endIndex))
        return text.utf8.distance(from: text.startIndex, to: blank.upperBound)
    }

    /// What every reading of the fixture must give.
    static func expectFixtureFigures(_ timeline: StreamTimeline) {
        #expect(timeline.tokenEvents == 4, "one reasoning delta and three non-empty answer deltas")
        #expect(timeline.reasoningEvents == 1)
        #expect(timeline.answerText == "Xin chào \"bạn\"\n", "the deltas only, not the .done events' text")
        #expect(timeline.promptTokens == 23)
        #expect(timeline.completionTokens == 9)
        #expect(timeline.serverReport?.cachedPromptTokens == 8)
        #expect(timeline.finishReason == .stop)
        #expect(timeline.sawDoneMarker, "response.completed ends the stream")
        #expect(timeline.responseID == "resp_6f2a")
    }

    @Test func theFixtureReadsTheSameOnEverySplitIntoTwoReads() throws {
        let stream = try Self.stream()
        for split in 0...stream.count {
            let connection = try TimedChannel()
            let outcome = connection.sendResponses(collectsAnswer: true)
            try connection.receive(connection.head(), at: 1)
            try connection.receive(.body(ByteBuffer(bytes: stream[..<split])), at: 10)
            try connection.receive(.body(ByteBuffer(bytes: stream[split...])), at: 20)
            try connection.receive(.end(nil), at: 30)
            let timeline = try #require(outcome.answer?.timeline, "split at \(split)")
            Self.expectFixtureFigures(timeline)
            let endRead: UInt64 = split == stream.count ? 10 : 20
            #expect(
                timeline.endNanoseconds == TimedChannel.start + endRead * TimedChannel.ms,
                "the read that completed response.completed, not the body's end"
            )
        }
    }

    @Test func oneByteAtATimeTheTimesAreThoseOfTheEventsThatCarryThem() throws {
        let stream = try Self.stream()
        let connection = try TimedChannel()
        let outcome = connection.sendResponses(collectsAnswer: true)
        try connection.receive(connection.head(), at: 1)
        for (index, byte) in stream.enumerated() {
            try connection.receive(.body(ByteBuffer(bytes: [byte])), at: UInt64(index + 2))
        }
        try connection.receive(.end(nil), at: UInt64(stream.count + 10))
        let timeline = try #require(outcome.answer?.timeline)
        Self.expectFixtureFigures(timeline)
        func time(_ type: String) throws -> UInt64 {
            TimedChannel.start + UInt64(try Self.end(ofFirst: type, in: stream) + 1) * TimedChannel.ms
        }
        #expect(timeline.firstTokenNanoseconds == (try time("response.reasoning_summary_text.delta")))
        #expect(
            timeline.firstContentNanoseconds == (try time("response.output_text.delta")),
            "answer text starts at the first output_text delta, not at response.created or content_part.added"
        )
        #expect(timeline.endNanoseconds == (try time("response.completed")))
    }

    /// llama.cpp's stream (captured from its server): no `sequence_number`, its `timings` beside
    /// the response in `response.completed`.
    @Test func llamaCppsStreamReadsTheSameOnEverySplitWithItsTimings() throws {
        let stream = try Self.stream("llamacpp-responses-stream")
        for split in 0...stream.count {
            let connection = try TimedChannel()
            let outcome = connection.sendResponses(collectsAnswer: true)
            try connection.receive(connection.head(), at: 1)
            try connection.receive(.body(ByteBuffer(bytes: stream[..<split])), at: 10)
            try connection.receive(.body(ByteBuffer(bytes: stream[split...])), at: 20)
            try connection.receive(.end(nil), at: 30)
            let timeline = try #require(outcome.answer?.timeline, "split at \(split)")
            #expect(timeline.tokenEvents == 5 && timeline.reasoningEvents == 0)
            #expect(timeline.answerText == "Greetings there.")
            #expect(timeline.promptTokens == 32 && timeline.completionTokens == 5)
            #expect(timeline.serverReport?.cachedPromptTokens == 0)
            #expect(timeline.serverReport?.timings.promptTokens == 32)
            #expect(timeline.serverReport?.timings.predictedMilliseconds == 29.38)
            #expect(timeline.finishReason == .stop && timeline.sawDoneMarker)
            #expect(timeline.responseID == "resp_tO3WVqSBUcX5ezUcKRMXnZZwkeVJXfgX")
        }
    }

    @Test func theResponseIDIsKeptOnlyWhenTheAnswerIs() throws {
        let connection = try TimedChannel()
        let outcome = connection.sendResponses(collectsAnswer: false)
        try connection.receive(connection.head(), at: 1)
        try connection.receive(.body(ByteBuffer(bytes: try Self.stream())), at: 10)
        try connection.receive(.end(nil), at: 20)
        let timeline = try #require(outcome.answer?.timeline)
        #expect(timeline.responseID == nil)
        #expect(timeline.answer == nil)
        #expect(timeline.tokenEvents == 4)
    }

    @Test func anIncompleteResponseEndsTheStreamWithFinishReasonLength() throws {
        let timeline = try #require(
            try Self.timeline(of: [
                Self.delta("Xin", sequence: 4),
                Self.event(
                    "response.incomplete",
                    #""response":{"id":"resp_1","status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"usage":{"input_tokens":5,"input_tokens_details":{"cached_tokens":0},"output_tokens":1,"output_tokens_details":{"reasoning_tokens":0}}}"#
                ),
            ]).answer?.timeline
        )
        #expect(timeline.finishReason == .length)
        #expect(timeline.sawDoneMarker)
        #expect(timeline.promptTokens == 5 && timeline.completionTokens == 1)
    }

    @Test func anIncompleteResponseForAnotherReasonIsNotALengthFinish() throws {
        let timeline = try #require(
            try Self.timeline(of: [
                Self.delta("Xin", sequence: 4),
                Self.event(
                    "response.incomplete",
                    #""response":{"status":"incomplete","incomplete_details":{"reason":"content_filter"}}"#
                ),
            ]).answer?.timeline
        )
        #expect(timeline.finishReason == .other)
        #expect(timeline.sawDoneMarker)
    }

    @Test func aStreamCutBeforeResponseCompletedHasNoEndMarker() throws {
        let timeline = try #require(try Self.timeline(of: [Self.delta("Xin", sequence: 4)]).answer?.timeline)
        #expect(timeline.tokenEvents == 1)
        #expect(!timeline.sawDoneMarker)
        #expect(timeline.finishReason == nil)
    }

    @Test func eventsAfterResponseCompletedAreIgnored() throws {
        let timeline = try #require(
            try Self.timeline(of: [
                Self.delta("Xin", sequence: 4),
                Self.event("response.completed", #""response":{"status":"completed"}"#),
                Self.delta(" thêm", sequence: 6),
            ]).answer?.timeline
        )
        #expect(timeline.tokenEvents == 1)
    }

    @Test func aFailedResponseIsAServerErrorEventWithTheServersMessage() throws {
        let outcome = try Self.timeline(of: [
            Self.delta("Xin", sequence: 4),
            Self.event(
                "response.failed",
                #""response":{"id":"resp_1","status":"failed","error":{"code":"server_error","message":"The model crashed."},"usage":null}"#
            ),
        ])
        let failure = try #require(outcome.failure)
        #expect(failure.kind == .serverErrorEvent)
        #expect(failure.message == "The model crashed.")
        #expect(failure.httpStatus == 200)
        #expect(failure.tokenEventsReceived == 1)
    }

    @Test(arguments: [true, false])
    func anErrorEventIsAServerErrorEventWithTheServersMessage(hasEventLine: Bool) throws {
        let data =
            #"{"type":"error","code":"rate_limit_exceeded","message":"Slow down.","param":null,"sequence_number":5}"#
        let outcome = try Self.timeline(of: [
            Self.delta("Xin", sequence: 4), (hasEventLine ? "event: error\n" : "") + "data: \(data)\n\n",
        ])
        let failure = try #require(outcome.failure)
        #expect(failure.kind == .serverErrorEvent)
        #expect(failure.message == "Slow down.")
    }

    @Test func anErrorEventWithAnErrorObjectGivesItsMessage() throws {
        let outcome = try Self.timeline(of: [
            Self.event("error", #""error":{"type":"invalid_request_error","message":"Bad input.","param":"input"}"#)
        ])
        #expect(outcome.failure?.kind == .serverErrorEvent)
        #expect(outcome.failure?.message == "Bad input.")
    }

    @Test func truncatedAndCorruptedResponsesStreamsNeverCrashTheScanner() throws {
        var random = SeededRandom(seed: 31)
        let stream = try Self.stream()
        for cut in stride(from: 0, through: stream.count, by: 5) {
            var corrupted = Array(stream.prefix(cut))
            if !corrupted.isEmpty { corrupted[corrupted.count - 1] = UInt8.random(in: 0...255, using: &random) }
            var parser = ServerSentEventParser(maxEventBytes: 4096)
            let scan: (ServerSentEvent) -> Void = { event in
                _ = try? CompletionChunkScanner.scan(event.data, readsResponseEvents: true)
            }
            try parser.feed(corrupted, onEvent: scan)
            try parser.finish(onEvent: scan)
        }
    }

    @Test func aChatChunkIsNotATokenOfAResponsesStream() throws {
        let chunk = try CompletionChunkScanner.scan(
            Array(#"{"choices":[{"delta":{"content":"hi"}}],"text":"x"}"#.utf8),
            readsResponseEvents: true
        )
        #expect(!chunk.hasTokenText)
    }

    @Test func theResponsesFieldsAreNotReadFromACompletionChunk() throws {
        let chunk = try CompletionChunkScanner.scan(
            Array(#"{"type":"response.completed","delta":"x","choices":[{"text":"hi"}]}"#.utf8)
        )
        #expect(chunk.hasContentText)
        #expect(!chunk.endsStream)
        #expect(chunk.finishReason == nil)
    }

    // MARK: - Helpers

    /// An SSE event of `type` with `fields` (JSON members, without braces).
    static func event(_ type: String, _ fields: String) -> String {
        "event: \(type)\ndata: {\"type\":\"\(type)\",\(fields)}\n\n"
    }

    static func delta(_ text: String, sequence: Int) -> String {
        event(
            "response.output_text.delta",
            "\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"delta\":\"\(text)\",\"sequence_number\":\(sequence)"
        )
    }

    /// A Responses exchange that received `events`, each in a read of its own, then the end.
    static func timeline(of events: [String]) throws -> ExchangeOutcome {
        let connection = try TimedChannel()
        let outcome = connection.sendResponses(collectsAnswer: true)
        try connection.receive(connection.head(), at: 1)
        for (index, event) in events.enumerated() {
            try connection.receive(connection.bytes(event), at: UInt64(10 * (index + 1)))
        }
        try connection.receive(.end(nil), at: UInt64(10 * (events.count + 1)))
        return outcome
    }
}

extension TimedChannel {
    /// Sends a Responses API request now, its stream read as Responses events.
    func sendResponses(collectsAnswer: Bool) -> ExchangeOutcome {
        let outcome = ExchangeOutcome()
        let promise = loop.makePromise(of: HTTPExchange.self)
        promise.futureResult.assumeIsolated().whenComplete { outcome.result = $0 }
        var exchange = PendingExchange(
            head: HTTPRequestHead(version: .http1_1, method: .POST, uri: "/v1/responses"),
            body: ByteBuffer(string: "{}"),
            isStreaming: true,
            maxBodyBytes: 1 << 16,
            promise: promise
        )
        exchange.readsResponseEvents = true
        exchange.collectsAnswer = collectsAnswer
        channel.writeAndFlush(exchange, promise: nil)
        return outcome
    }
}
