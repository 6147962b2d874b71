import Foundation
import Testing

@testable import LLMBench

/// `ServerSentEventParser`: the same events from a stream however it is split and whatever its
/// line endings, bounded buffering, and the event helpers.
struct ServerSentEventParserTests {
    enum LineEnding: String, CaseIterable, CustomTestStringConvertible {
        case lineFeed = "\n"
        case carriageReturnLineFeed = "\r\n"
        case carriageReturn = "\r"

        var testDescription: String {
            switch self {
            case .lineFeed: "LF"
            case .carriageReturnLineFeed: "CRLF"
            case .carriageReturn: "CR"
            }
        }
    }

    /// A captured-shape stream: a comment, an `event:` line, ignored `id:`/`retry:` fields, a
    /// two-line data event, a `data:` without a space, a usage chunk and `[DONE]`.
    static func stream(_ ending: LineEnding) throws -> [UInt8] {
        let url = try #require(
            Bundle.module.url(forResource: "completions-stream", withExtension: "txt", subdirectory: "Fixtures/sse")
        )
        let text = try String(contentsOf: url, encoding: .utf8)
        return Array(text.replacingOccurrences(of: "\n", with: ending.rawValue).utf8)
    }

    static func event(_ data: String, type: String = "") -> ServerSentEvent {
        ServerSentEvent(type: Array(type.utf8), data: Array(data.utf8))
    }

    static let expected: [ServerSentEvent] = [
        event(
            #"{"id":"cmpl-1","object":"text_completion","created":1714000000,"model":"qwen3","choices":[{"index":0,"text":"Xin","logprobs":null,"finish_reason":null}]}"#,
            type: "message"
        ),
        event(
            #"{"id":"cmpl-1","object":"text_completion","choices":[{"index":0,"text":" chào","logprobs":null,"finish_reason":null}]}"#
        ),
        event("{\"id\":\"cmpl-1\",\"choices\":[{\"index\":0,\n\"text\":\" bạn \\\"thân\\\"\"}]}"),
        event(#"{"id":"cmpl-1","choices":[{"index":0,"text":"!","finish_reason":"length"}]}"#),
        event(
            #"{"id":"cmpl-1","object":"text_completion","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":4,"total_tokens":9}}"#
        ),
        event("[DONE]"),
    ]

    /// Feeds `pieces` in order, then finishes; returns the events delivered by `feed` and by `finish`.
    static func parse(
        _ pieces: [ArraySlice<UInt8>],
        maxEventBytes: Int = 4 << 20
    ) throws -> (fed: [ServerSentEvent], finished: [ServerSentEvent]) {
        var parser = ServerSentEventParser(maxEventBytes: maxEventBytes)
        var fed: [ServerSentEvent] = []
        for piece in pieces {
            try parser.feed(Array(piece)) { fed.append($0) }
        }
        var finished: [ServerSentEvent] = []
        try parser.finish { finished.append($0) }
        return (fed, finished)
    }

    @Test(arguments: LineEnding.allCases)
    func wholeStreamInOneRead(ending: LineEnding) throws {
        let bytes = try Self.stream(ending)
        let (fed, finished) = try Self.parse([bytes[...]])
        #expect(fed == Self.expected)
        #expect(finished.isEmpty)
    }

    @Test(arguments: LineEnding.allCases)
    func everySplitIntoTwoReadsGivesTheSameEvents(ending: LineEnding) throws {
        let bytes = try Self.stream(ending)
        for split in 0...bytes.count {
            let (fed, finished) = try Self.parse([bytes[..<split], bytes[split...]])
            guard fed == Self.expected, finished.isEmpty else {
                Issue.record(
                    "split at \(split) of \(bytes.count): \(fed.count) events fed, \(finished.count) at finish"
                )
                return
            }
        }
    }

    @Test(arguments: LineEnding.allCases)
    func oneByteAtATimeDeliversEachEventAsItsBlankLineArrives(ending: LineEnding) throws {
        let bytes = try Self.stream(ending)
        var parser = ServerSentEventParser()
        var events: [ServerSentEvent] = []
        // The offsets just after each event's terminating blank line.
        var arrivals: [Int] = []
        for (offset, byte) in bytes.enumerated() {
            try parser.feed([byte]) { event in
                events.append(event)
                arrivals.append(offset + 1)
            }
        }
        try parser.finish { events.append($0) }
        #expect(events == Self.expected)
        // Each blank line ends an event, except the one after the leading `: ping` comment. A CR
        // ends its line at once, so the event is due at the blank line's first byte: its LF, its
        // lone CR, or the CR of its CRLF.
        let blankLine = Array((ending.rawValue + ending.rawValue).utf8)
        var expectedArrivals: [Int] = []
        var offset = 0
        while offset + blankLine.count <= bytes.count {
            if Array(bytes[offset..<offset + blankLine.count]) == blankLine {
                offset += blankLine.count
                expectedArrivals.append(ending == .carriageReturnLineFeed ? offset - 1 : offset)
            } else {
                offset += 1
            }
        }
        expectedArrivals.removeFirst()
        #expect(arrivals == expectedArrivals)
    }

    @Test(arguments: [3, 7, 64])
    func fixedSizeReadsGiveTheSameEvents(size: Int) throws {
        for ending in LineEnding.allCases {
            let bytes = try Self.stream(ending)
            let pieces = stride(from: 0, to: bytes.count, by: size).map { bytes[$0..<min($0 + size, bytes.count)] }
            let (fed, finished) = try Self.parse(pieces)
            #expect(fed + finished == Self.expected, "\(ending.testDescription)")
            #expect(finished.isEmpty, "\(ending.testDescription)")
        }
    }

    @Test func crlfSplitBetweenItsTwoBytesIsOneLineEnd() throws {
        let first = Array("data: a\r".utf8)
        let second = Array("\ndata: b\r\n\r\n".utf8)
        let (fed, finished) = try Self.parse([first[...], second[...]])
        #expect(fed == [Self.event("a\nb")])
        #expect(finished.isEmpty)
    }

    @Test func crlfSplitAroundAnEmptyReadIsOneLineEnd() throws {
        let pieces = ["data: a\r", "", "\n", "data: b\r", "\n\r", "\n"].map { Array($0.utf8)[...] }
        let (fed, finished) = try Self.parse(pieces)
        #expect(fed == [Self.event("a\nb")])
        #expect(finished.isEmpty)
    }

    @Test func mixedLineEndingsInOneStream() throws {
        let bytes = Array("data: a\r\ndata: b\rdata: c\n\r\ndata: d\r\r: c\n\n".utf8)
        for split in 0...bytes.count {
            let (fed, finished) = try Self.parse([bytes[..<split], bytes[split...]])
            #expect(fed == [Self.event("a\nb\nc"), Self.event("d")], "split at \(split)")
            #expect(finished.isEmpty)
        }
    }

    @Test func finishDeliversLastEventWithoutTrailingBlankLine() throws {
        for tail in ["data: [DONE]", "data: [DONE]\n", "data: [DONE]\r\n", "data: [DONE]\r"] {
            let bytes = Array(("data: {\"x\":1}\n\n" + tail).utf8)
            let (fed, finished) = try Self.parse([bytes[...]])
            #expect(fed == [Self.event(#"{"x":1}"#)], "\(tail.debugDescription)")
            #expect(finished == [Self.event("[DONE]")], "\(tail.debugDescription)")
        }
    }

    @Test func finishWithNothingPendingDeliversNothing() throws {
        let bytes = Array(": only a comment\n\nevent: ping\n\n".utf8)
        let (fed, finished) = try Self.parse([bytes[...]])
        #expect(fed.isEmpty)
        #expect(finished.isEmpty)
    }

    @Test func eventTypeAppliesToItsOwnEventOnly() throws {
        let bytes = Array("event: error\ndata: {\"error\":{}}\n\ndata: next\n\n".utf8)
        let (fed, _) = try Self.parse([bytes[...]])
        #expect(fed == [Self.event(#"{"error":{}}"#, type: "error"), Self.event("next")])
        #expect(fed.map(\.isErrorType) == [true, false])
    }

    @Test func dataFieldWithoutColonIsAnEmptyLine() throws {
        let bytes = Array("data\ndata\n\n".utf8)
        let (fed, _) = try Self.parse([bytes[...]])
        #expect(fed == [Self.event("\n")])
    }

    @Test func onlyTheFirstSpaceAfterTheColonIsDropped() throws {
        let bytes = Array("data:  two spaces\n\n".utf8)
        let (fed, _) = try Self.parse([bytes[...]])
        #expect(fed == [Self.event(" two spaces")])
    }

    // MARK: - Size limit

    @Test func dataLineLongerThanTheLimitInOneReadThrows() {
        let bytes = Array(("data: " + String(repeating: "x", count: 200) + "\n\n").utf8)
        #expect(throws: ServerSentEventError.eventTooLarge(limit: 100)) {
            _ = try Self.parse([bytes[...]], maxEventBytes: 100)
        }
    }

    @Test func lineLongerThanTheLimitAcrossReadsThrows() {
        let bytes = Array(("data: " + String(repeating: "x", count: 200)).utf8)
        let pieces = stride(from: 0, to: bytes.count, by: 10).map { bytes[$0..<min($0 + 10, bytes.count)] }
        #expect(throws: ServerSentEventError.eventTooLarge(limit: 100)) {
            _ = try Self.parse(pieces, maxEventBytes: 100)
        }
    }

    @Test func unterminatedLineLongerThanTheLimitInOneReadThrows() {
        let bytes = Array((": " + String(repeating: "x", count: 200)).utf8)
        #expect(throws: ServerSentEventError.eventTooLarge(limit: 100)) {
            _ = try Self.parse([bytes[...]], maxEventBytes: 100)
        }
    }

    @Test func eventOfManyShortDataLinesLongerThanTheLimitThrows() {
        let line = "data: " + String(repeating: "y", count: 30) + "\n"
        let bytes = Array((String(repeating: line, count: 5) + "\n").utf8)
        #expect(throws: ServerSentEventError.eventTooLarge(limit: 100)) {
            _ = try Self.parse([bytes[...]], maxEventBytes: 100)
        }
    }

    @Test func eventsJustUnderTheLimitPass() throws {
        let payload = String(repeating: "z", count: 99)
        let bytes = Array(("data: " + payload + "\n\n").utf8)
        for split in 0...bytes.count {
            let (fed, _) = try Self.parse([bytes[..<split], bytes[split...]], maxEventBytes: 106)
            #expect(fed == [Self.event(payload)])
        }
    }

    @Test(arguments: LineEnding.allCases)
    func limitAppliesPerEventNotPerRead(ending: LineEnding) throws {
        let event = "data: " + String(repeating: "y", count: 60) + ending.rawValue + ending.rawValue
        let bytes = Array(String(repeating: event, count: 50).utf8)
        let (fed, finished) = try Self.parse([bytes[...]], maxEventBytes: 100)
        #expect(fed.count == 50)
        #expect(finished.isEmpty)
    }

    // MARK: - Event helpers

    @Test(arguments: [
        ("[DONE]", true), ("[DONE] ", false), ("[done]", false), ("", false), (#"{"text":"[DONE]"}"#, false),
    ])
    func doneMarker(data: String, isDone: Bool) {
        #expect(Self.event(data).isDoneMarker == isDone)
    }

    @Test(arguments: [("error", true), ("Error", false), ("message", false), ("", false), ("errors", false)])
    func errorType(type: String, isError: Bool) {
        #expect(Self.event("{}", type: type).isErrorType == isError)
    }
}
