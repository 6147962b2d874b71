import Foundation
import LLMBenchSupport
import Testing

@testable import LLMBench

/// Random and hostile bytes through the SSE parser and the chunk scanner: no crash, bounded memory.
struct StreamFuzzTests {
    static let limit = 4096

    /// Feeds `bytes` in random splits, scanning every event as the client does; returns the events.
    static func consume(_ bytes: [UInt8], random: inout SeededRandom) -> Int {
        var parser = ServerSentEventParser(maxEventBytes: limit)
        var events = 0
        var offset = 0
        do {
            while offset < bytes.count {
                let size = min(bytes.count - offset, Int.random(in: 1...512, using: &random))
                try parser.feed(Array(bytes[offset..<offset + size])) { event in
                    #expect(event.data.count <= limit)
                    events += 1
                    _ = try? CompletionChunkScanner.scan(event.data)
                }
                offset += size
            }
            try parser.finish { event in
                events += 1
                _ = try? CompletionChunkScanner.scan(event.data)
            }
        } catch {
            #expect(error as? ServerSentEventError == .eventTooLarge(limit: limit))
        }
        return events
    }

    @Test func randomBytesNeverCrashTheParserOrTheScanner() {
        var random = SeededRandom(seed: 17)
        for _ in 0..<300 {
            let count = Int.random(in: 0...6000, using: &random)
            let alphabet: [UInt8] = Array("data: {}[]\",:\\\r\n ".utf8) + [0x00, 0xFF, 0xC3, 0xE1]
            let bytes = (0..<count).map { _ in
                Bool.random(using: &random)
                    ? alphabet.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
            }
            _ = Self.consume(bytes, random: &random)
        }
    }

    @Test func truncatedAndCorruptedRealStreamsNeverCrash() {
        var random = SeededRandom(seed: 23)
        let event = #"data: {"id":"cmpl-1","choices":[{"index":0,"text":" xin chào","finish_reason":null}]}"# + "\n\n"
        let stream = Array((String(repeating: event, count: 20) + "data: [DONE]\n\n").utf8)
        for cut in stride(from: 0, through: stream.count, by: 7) {
            _ = Self.consume(Array(stream.prefix(cut)), random: &random)
            var corrupted = stream
            if cut < corrupted.count { corrupted[cut] = UInt8.random(in: 0...255, using: &random) }
            _ = Self.consume(corrupted, random: &random)
        }
    }

    @Test func aHugeLineIsRefusedAtTheLimitInsteadOfBuffered() {
        var random = SeededRandom(seed: 29)
        let huge = Array("data: ".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        var parser = ServerSentEventParser(maxEventBytes: Self.limit)
        var thrown: (any Error)?
        var offset = 0
        while offset < huge.count, thrown == nil {
            let size = min(huge.count - offset, Int.random(in: 1...8192, using: &random))
            do {
                try parser.feed(Array(huge[offset..<offset + size])) { _ in }
            } catch {
                thrown = error
            }
            offset += size
        }
        #expect(thrown as? ServerSentEventError == .eventTooLarge(limit: Self.limit))
        #expect(offset <= Self.limit + 8192, "stopped within one read of the limit")
    }

    @Test func deepNestingIsRejectedNotRecursedWithoutBound() {
        let deep = Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)
        #expect(throws: CompletionChunkScanner.MalformedJSON.self) { try CompletionChunkScanner.scan(deep) }
        let object = Array(
            (String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000)).utf8
        )
        #expect(throws: CompletionChunkScanner.MalformedJSON.self) { try CompletionChunkScanner.scan(object) }
    }
}
