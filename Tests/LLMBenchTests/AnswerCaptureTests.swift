import NIOCore
import NIOHTTP1
import Testing

@testable import LLMBench

/// The answer's text kept for a session's next turn: only when the exchange asks, the answer text
/// of every chunk joined and unescaped, reasoning left out.
struct AnswerCaptureTests {
    @Test func anExchangeThatAsksKeepsTheAnswerUnescapedAndWithoutReasoning() throws {
        let connection = try TimedChannel()
        let outcome = connection.send(collectsAnswer: true)
        try connection.receive(connection.head(), at: 1)
        for event in [
            #"{"choices":[{"delta":{"reasoning_content":"thinking"}}]}"#,
            #"{"choices":[{"delta":{"content":"Xin ch\u00e0o"}}]}"#,
            #"{"choices":[{"delta":{"content":", \"b\u1ea1n\"\n"}}]}"#,
            #"{"choices":[{"delta":{"content":""}}]}"#,
            #"{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4}}"#,
        ] {
            try connection.receive(connection.bytes("data: \(event)\n\n"), at: 2)
        }
        try connection.receive(connection.bytes("data: [DONE]\n\n"), at: 3)
        try connection.receive(.end(nil), at: 3)
        let timeline = try #require(outcome.answer?.timeline)
        #expect(timeline.answerText == "Xin chào, \"bạn\"\n")
        #expect(timeline.tokenEvents == 3)
    }

    @Test func anExchangeThatDoesNotAskKeepsNoText() throws {
        let connection = try TimedChannel()
        let outcome = connection.send()
        try connection.receive(connection.head(), at: 1)
        try connection.receive(connection.token(), at: 2)
        try connection.receive(connection.bytes("data: [DONE]\n\n"), at: 3)
        try connection.receive(.end(nil), at: 3)
        let timeline = try #require(outcome.answer?.timeline)
        #expect(timeline.answer == nil)
        #expect(timeline.answerText == nil)
    }

    @Test func aCompletionsTextIsKeptToo() throws {
        let connection = try TimedChannel()
        let outcome = connection.send(collectsAnswer: true)
        try connection.receive(connection.head(), at: 1)
        try connection.receive(connection.bytes(#"data: {"choices":[{"text":"one"}]}"# + "\n\n"), at: 2)
        try connection.receive(connection.bytes(#"data: {"choices":[{"text":" two"}]}"# + "\n\n"), at: 2)
        try connection.receive(.end(nil), at: 3)
        #expect(try #require(outcome.answer?.timeline).answerText == "one two")
    }
}
