import Foundation
import LLMBenchSupport
import Testing

/// `JSONString`: the one escaper of the engine's rows and records and the simulator's bodies.
struct JSONStringTests {
    @Test(arguments: [
        ("plain", #""plain""#),
        ("", #""""#),
        (#"say "hi" \ bye"#, #""say \"hi\" \\ bye""#),
        ("line\nfeed\rreturn\ttab", #""line\nfeed\rreturn\ttab""#),
        ("\u{0}\u{1F}\u{7F}", #""\u0000\u001f"# + "\u{7F}\""),
        ("Tiếng Việt 🙂 /", #""Tiếng Việt 🙂 /""#),
    ])
    func quotesAndEscapes(text: String, literal: String) {
        #expect(JSONString.quoted(text) == literal)
        var bytes: [UInt8] = []
        JSONString.append(text, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == literal)
    }

    @Test func everyControlCharacterReadsBackAsItself() throws {
        let text = String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }) + "\"\\é"
        let decoded = try JSONDecoder().decode(String.self, from: Data(JSONString.quoted(text).utf8))
        #expect(decoded == text)
    }

    @Test func nilIsNull() {
        #expect(JSONString.quotedOrNull(nil) == "null")
        #expect(JSONString.quotedOrNull("a") == #""a""#)
    }
}
