import Foundation
import LLMBenchSupport
import Testing

@testable import LLMBench

/// `CompletionChunkScanner`: the fields of real servers' chunk shapes, agreement with a full JSON
/// decoder on fixtures and generated chunks, and rejection of malformed JSON.
///
/// The rules the scanner applies, restated over a `JSONSerialization` tree by `ReferenceChunk`:
/// - `hasTokenText`: some member named `text`, `content`, `reasoning_content` or `reasoning`, at any
///   depth, has a non-empty string value; `hasContentText` the same for `text` and `content` only;
///   `hasReasoningText` the same for `reasoning_content` and `reasoning` only.
/// - `promptTokens` / `completionTokens`: the value of the member `prompt_tokens` /
///   `completion_tokens`, at any depth, when it is an integer literal that fits an `Int`; a number
///   that is not such an integer (`12.5`, `1e2`, `12.0`, 2^64) gives nil; strings, booleans, null,
///   objects and arrays leave the field unset. (With several members of that name the last one in
///   document order wins; a dictionary has no order, so generated chunks carry each at most once.)
/// - `cachedPromptTokens`: the same for `cached_tokens`; `serverTimings`' token counts the same for
///   `prompt_n` and `predicted_n`, its milliseconds any number of `prompt_ms` and `predicted_ms`.
/// - `finishReason`: a `finish_reason` string: `length`, `stop`, or `other` for any other string.
/// - `hasError`: the root object has a member `error` that is neither null nor false.
/// Member names are compared as written (a name spelt with `\u` escapes is not recognised; no
/// server escapes ASCII names), so the generator never escapes names.
struct CompletionChunkScannerTests {
    // MARK: - Helpers

    static func scan(_ text: String) throws(CompletionChunkScanner.MalformedJSON) -> CompletionChunk {
        try CompletionChunkScanner.scan(Array(text.utf8))
    }

    static func accepts(_ bytes: [UInt8]) -> Bool {
        (try? CompletionChunkScanner.scan(bytes)) != nil
    }

    static func foundationAccepts(_ bytes: [UInt8]) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil
    }

    static func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures/chunks")
        )
        return Array(try Data(contentsOf: url))
    }

    static let fixtureNames = [
        "vllm-completion", "usage-final", "chat-first", "chat-content", "chat-reasoning", "chat-stop-usage-null",
        "llamacpp-final", "error", "escapes", "continuous-usage",
    ]

    /// The scanner's rules (see the type's comment) applied to a fully decoded chunk.
    struct ReferenceChunk {
        var chunk = CompletionChunk()
        /// Every non-empty answer text of the chunk (`contentRange` names one of them).
        var contentTexts: Set<String> = []

        /// Whether `scanned` says what this chunk holds: the same fields, and a content range over
        /// one of its answer texts (exactly when it has one).
        func agrees(with scanned: CompletionChunk, in bytes: [UInt8]) -> Bool {
            guard scanned == chunk else { return false }
            guard let range = scanned.contentRange else { return contentTexts.isEmpty }
            let quoted = [UInt8(ascii: "\"")] + bytes[range] + [UInt8(ascii: "\"")]
            guard let text = try? JSONDecoder().decode(String.self, from: Data(quoted)) else { return false }
            return contentTexts.contains(text)
        }

        init(decoding bytes: [UInt8]) throws {
            let root = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
            if let object = root as? [String: Any], let error = object["error"] {
                chunk.hasError = !(error is NSNull) && !Self.isBoolean(error, equalTo: false)
            }
            visit(root)
        }

        private mutating func visit(_ value: Any) {
            if let object = value as? [String: Any] {
                for (name, member) in object {
                    apply(name, member)
                    visit(member)
                }
            } else if let array = value as? [Any] {
                for element in array { visit(element) }
            }
        }

        private mutating func apply(_ name: String, _ value: Any) {
            switch name {
            case "text", "content":
                if let text = value as? String, !text.isEmpty {
                    chunk.hasTokenText = true
                    chunk.hasContentText = true
                    contentTexts.insert(text)
                }
            case "reasoning_content", "reasoning":
                if let text = value as? String, !text.isEmpty {
                    chunk.hasTokenText = true
                    chunk.hasReasoningText = true
                }
            case "prompt_tokens":
                if let number = Self.number(value) { chunk.promptTokens = Self.integer(number) }
            case "completion_tokens":
                if let number = Self.number(value) { chunk.completionTokens = Self.integer(number) }
            case "cached_tokens":
                if let number = Self.number(value) { chunk.cachedPromptTokens = Self.integer(number) }
            case "prompt_n":
                if let number = Self.number(value) { chunk.serverTimings.promptTokens = Self.integer(number) }
            case "predicted_n":
                if let number = Self.number(value) { chunk.serverTimings.predictedTokens = Self.integer(number) }
            case "prompt_ms":
                if let number = Self.number(value) { chunk.serverTimings.promptMilliseconds = number.doubleValue }
            case "predicted_ms":
                if let number = Self.number(value) { chunk.serverTimings.predictedMilliseconds = number.doubleValue }
            case "finish_reason":
                if let reason = value as? String {
                    chunk.finishReason = reason == "length" ? .length : reason == "stop" ? .stop : .other
                }
            default:
                break
            }
        }

        /// A JSON number (not a boolean), as Foundation decoded it.
        private static func number(_ value: Any) -> NSNumber? {
            guard !(value is String), let number = value as? NSNumber else { return nil }
            return String(cString: number.objCType) == "c" ? nil : number
        }

        /// The number as an `Int` when Foundation decoded it as a signed integer.
        private static func integer(_ number: NSNumber) -> Int? {
            guard !(number is NSDecimalNumber), ["s", "i", "l", "q"].contains(String(cString: number.objCType)) else {
                return nil
            }
            return number.intValue
        }

        private static func isBoolean(_ value: Any, equalTo expected: Bool) -> Bool {
            guard let number = value as? NSNumber, String(cString: number.objCType) == "c" else { return false }
            return number.boolValue == expected
        }
    }

    /// Inputs whose verdict differs between Foundation and RFC 8259 or the scanner's documented
    /// choices, so Foundation is no reference for them (each is tested on its own below):
    /// Foundation accepts a trailing comma and a byte-order mark and guesses UTF-16/32 from NUL
    /// bytes; it rejects invalid UTF-8, unpaired surrogate escapes and numbers beyond `Double`,
    /// which the scanner lets through undecoded; and it nests to 512 levels, the scanner to 64.
    static func foundationIsNoReference(_ bytes: [UInt8]) -> Bool {
        if bytes.contains(0) || bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return true }
        if String(validating: bytes, as: UTF8.self) == nil { return true }
        if bytes.count(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "{") }) > CompletionChunkScanner.maxDepth
        {
            return true
        }
        let whitespace: [UInt8] = [0x20, 0x09, 0x0A, 0x0D]
        for (offset, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: ","):
                let next = bytes[(offset + 1)...].first { !whitespace.contains($0) }
                if next == UInt8(ascii: "]") || next == UInt8(ascii: "}") { return true }
            case UInt8(ascii: "\\"):
                // `\uD800`…`\uDFFF`, possibly preceded by further backslashes.
                let rest = bytes[(offset + 1)...].prefix(3).map { Character(UnicodeScalar($0)) }
                if rest.count == 3, rest[0] == "u", "dD".contains(rest[1]), "89abcdefABCDEF".contains(rest[2]) {
                    return true
                }
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                // An exponent of three digits or more may leave `Double`'s range.
                let digits = bytes[(offset + 1)...].drop { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
                    .prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
                if digits.count >= 3 { return true }
            default:
                break
            }
        }
        return false
    }

    // MARK: - Fixtures

    @Test(arguments: [
        ("vllm-completion", CompletionChunk(hasTokenText: true, hasContentText: true)),
        ("usage-final", CompletionChunk(promptTokens: 128, completionTokens: 128)),
        ("chat-first", CompletionChunk()),
        ("chat-content", CompletionChunk(hasTokenText: true, hasContentText: true)),
        ("chat-reasoning", CompletionChunk(hasTokenText: true, hasReasoningText: true)),
        ("chat-stop-usage-null", CompletionChunk(finishReason: .stop)),
        (
            "llamacpp-final",
            CompletionChunk(
                promptTokens: 12,
                cachedPromptTokens: 4,
                serverTimings: ServerTimings(
                    promptTokens: 8,
                    promptMilliseconds: 30.512,
                    predictedTokens: 64,
                    predictedMilliseconds: 900.1
                ),
                completionTokens: 64,
                finishReason: .length
            )
        ),
        ("error", CompletionChunk(hasError: true)),
        ("escapes", CompletionChunk(hasTokenText: true, hasContentText: true)),
        (
            "continuous-usage",
            CompletionChunk(hasTokenText: true, hasContentText: true, promptTokens: 5, completionTokens: 1)
        ),
    ])
    func readsFixture(name: String, expected: CompletionChunk) throws {
        let bytes = try Self.fixture(name)
        #expect(try CompletionChunkScanner.scan(bytes) == expected)
        #expect(try ReferenceChunk(decoding: bytes).chunk == expected)
    }

    @Test func fixtureListCoversEveryFixtureFile() throws {
        let folder = try #require(
            Bundle.module.url(forResource: "chunks", withExtension: nil, subdirectory: "Fixtures")
        )
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
        #expect(Set(names) == Set(Self.fixtureNames))
    }

    @Test func escapedTextFixtureDecodesToTheVietnameseText() throws {
        let object = try JSONSerialization.jsonObject(with: Data(try Self.fixture("escapes"))) as? [String: Any]
        let choice = try #require((object?["choices"] as? [[String: Any]])?.first)
        #expect(choice["text"] as? String == "Tiếng Việt: \"trích dẫn\" \\ àạ 😀\n\t/")
    }

    // MARK: - Field rules on hand-written chunks

    @Test(arguments: [
        (#"{"choices":[{"text":""}]}"#, false),
        (#"{"choices":[{"text":" "}]}"#, true),
        (#"{"choices":[{"text":"\n"}]}"#, true),
        (#"{"choices":[{"text":"\u0000"}]}"#, true),
        (#"{"choices":[{"text":null}]}"#, false),
        (#"{"choices":[{"delta":{"content":null}}]}"#, false),
        (#"{"choices":[{"delta":{"role":"assistant"}}]}"#, false),
        (#"{"choices":[{"delta":{"content":"","reasoning_content":""}}]}"#, false),
        (#"{"choices":[{"delta":{"content":"x"}}]}"#, true),
        (#"{"choices":[{"Text":"x","texts":"y","context":"z"}]}"#, false),
        (#"{"choices":[{"text":["a"]}]}"#, false),
        (#"{"choices":[{"text":1}]}"#, false),
    ])
    func tokenText(json: String, hasTokenText: Bool) throws {
        #expect(try Self.scan(json).hasTokenText == hasTokenText)
    }

    @Test(
        arguments: [
            (#"{"usage":{"prompt_tokens":7,"completion_tokens":0}}"#, 7, 0),
            (#"{"usage":{"prompt_tokens":12.5,"completion_tokens":1e2}}"#, nil, nil),
            (#"{"usage":{"prompt_tokens":12.0,"completion_tokens":"12"}}"#, nil, nil),
            (#"{"usage":{"prompt_tokens":null,"completion_tokens":true}}"#, nil, nil),
            (
                #"{"usage":{"prompt_tokens":99999999999999999999,"completion_tokens":9223372036854775807}}"#, nil,
                Int.max
            ),
            (#"{"usage":{"prompt_tokens":-3}}"#, -3, nil),
            (#"{"usage":null}"#, nil, nil),
            (#"{"usage":{"prompt_tokens":1},"x":{"prompt_tokens":2}}"#, 2, nil),
            (#"{"usage":{"completion_tokens":5,"completion_tokens":null}}"#, nil, 5),
        ] as [(String, Int?, Int?)]
    )
    func tokenCounts(json: String, promptTokens: Int?, completionTokens: Int?) throws {
        let chunk = try Self.scan(json)
        #expect(chunk.promptTokens == promptTokens)
        #expect(chunk.completionTokens == completionTokens)
    }

    @Test(
        arguments: [
            (#"{"choices":[{"finish_reason":"length"}]}"#, CompletionChunk.FinishReason.length),
            (#"{"choices":[{"finish_reason":"stop"}]}"#, .stop),
            (#"{"choices":[{"finish_reason":"eos_token"}]}"#, .other),
            (#"{"choices":[{"finish_reason":"tool_calls"}]}"#, .other),
            (#"{"choices":[{"finish_reason":null}]}"#, nil),
            (#"{"choices":[{"finish_reason":"stop"},{"finish_reason":null}]}"#, .stop),
        ] as [(String, CompletionChunk.FinishReason?)]
    )
    func finishReason(json: String, reason: CompletionChunk.FinishReason?) throws {
        #expect(try Self.scan(json).finishReason == reason)
    }

    @Test(arguments: [
        (#"{"error":{"message":"x","code":500}}"#, true),
        (#"{"error":"overloaded"}"#, true),
        (#"{"error":[]}"#, true),
        (#"{"error":503}"#, true),
        (#"{"error":null,"choices":[]}"#, false),
        (#"{"choices":[{"error":{"message":"nested"}}]}"#, false),
        (#"{"data":{"error":"nested"}}"#, false),
        (#"[{"error":"in an array"}]"#, false),
        (#"{"object":"error","message":"vLLM without wrapper"}"#, false),
    ])
    func topLevelError(json: String, hasError: Bool) throws {
        #expect(try Self.scan(json).hasError == hasError)
    }

    // MARK: - Agreement with a full decoder

    @Test func fixturesAgreeWithTheReferenceDecoder() throws {
        for name in Self.fixtureNames {
            let bytes = try Self.fixture(name)
            let scanned = try CompletionChunkScanner.scan(bytes)
            #expect(try ReferenceChunk(decoding: bytes).agrees(with: scanned, in: bytes), "\(name): \(scanned)")
        }
    }

    @Test func generatedChunksAgreeWithTheReferenceDecoder() throws {
        var generator = ChunkGenerator(seed: 0x5EED_0001)
        var seen = (text: 0, prompt: 0, completion: 0, finish: 0, error: 0)
        for index in 0..<400 {
            let json = generator.chunk()
            let bytes = Array(json.utf8)
            let reference = try ReferenceChunk(decoding: bytes)
            let expected = reference.chunk
            let scanned: CompletionChunk
            do {
                scanned = try CompletionChunkScanner.scan(bytes)
            } catch {
                Issue.record("chunk \(index) rejected at offset \(error.offset): \(json)")
                continue
            }
            #expect(reference.agrees(with: scanned, in: bytes), "chunk \(index): \(json) → \(scanned)")
            if expected.hasTokenText { seen.text += 1 }
            if expected.promptTokens != nil { seen.prompt += 1 }
            if expected.completionTokens != nil { seen.completion += 1 }
            if expected.finishReason != nil { seen.finish += 1 }
            if expected.hasError { seen.error += 1 }
        }
        // The generator exercises each field both ways.
        for (name, count) in [
            ("text", seen.text), ("prompt", seen.prompt), ("completion", seen.completion),
            ("finish", seen.finish), ("error", seen.error),
        ] {
            #expect((20...380).contains(count), "\(name): \(count) of 400")
        }
    }

    // MARK: - Malformed input

    @Test func everyTruncationOfAFixtureIsRejected() throws {
        for name in Self.fixtureNames {
            let bytes = try Self.fixture(name)
            for length in 0..<bytes.count {
                let prefix = Array(bytes[..<length])
                #expect(throws: CompletionChunkScanner.MalformedJSON.self, "\(name) cut at \(length)") {
                    try CompletionChunkScanner.scan(prefix)
                }
                #expect(!Self.foundationAccepts(prefix), "\(name) cut at \(length)")
            }
        }
    }

    @Test func everyTruncationOfAGeneratedChunkIsRejected() {
        var generator = ChunkGenerator(seed: 0x5EED_0002)
        for _ in 0..<40 {
            // Without the trailing whitespace, whose removal leaves the chunk whole.
            var bytes = Array(generator.chunk().utf8)
            while let last = bytes.last, [0x20, 0x09, 0x0A, 0x0D].contains(last) { bytes.removeLast() }
            for length in 0..<bytes.count where Self.accepts(Array(bytes[..<length])) {
                Issue.record("accepted a truncation at \(length): \(String(decoding: bytes[..<length], as: UTF8.self))")
            }
        }
    }

    @Test func randomEditsOfValidChunksAreRejectedExactlyWhenFoundationRejectsThem() throws {
        var random = SeededRandom(seed: 0x5EED_0003)
        var generator = ChunkGenerator(seed: 0x5EED_0004)
        let alphabet = Array(#"{}[]":,0123456789-+.eEtrufalsnx\/ "#.utf8) + [0x09, 0x0A, 0x0D, 0x1F, 0x7F, 0xC3, 0xFF]
        var originals = try Self.fixtureNames.map(Self.fixture)
        originals += (0..<20).map { _ in Array(generator.chunk().utf8) }
        var compared = 0
        var rejected = 0
        for _ in 0..<3000 {
            var bytes = originals.randomElement(using: &random)!
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let position = Int.random(in: 0...bytes.count, using: &random)
                let byte = alphabet.randomElement(using: &random)!
                switch Int.random(in: 0..<3, using: &random) {
                case 0 where position < bytes.count: bytes[position] = byte
                case 1: bytes.insert(byte, at: position)
                default: if position < bytes.count { bytes.remove(at: position) }
                }
            }
            let scanned = Self.accepts(bytes)
            if Self.foundationIsNoReference(bytes) { continue }
            compared += 1
            let reference = Self.foundationAccepts(bytes)
            if !reference { rejected += 1 }
            #expect(scanned == reference, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
        #expect(compared > 1800)
        #expect(rejected > 1000)
    }

    @Test func randomBytesAreRejectedExactlyWhenFoundationRejectsThem() {
        var random = SeededRandom(seed: 0x5EED_0005)
        let jsonish = Array(#"{}[]":,0123456789-.eEtrufalsn\ "#.utf8)
        for round in 0..<4000 {
            let length = Int.random(in: 0...12, using: &random)
            let bytes: [UInt8] =
                round.isMultiple(of: 2)
                ? (0..<length).map { _ in jsonish.randomElement(using: &random)! }
                : (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let scanned = Self.accepts(bytes)
            if Self.foundationIsNoReference(bytes) { continue }
            #expect(scanned == Self.foundationAccepts(bytes), "\(bytes)")
        }
    }

    @Test(arguments: [
        "", " ", "\n\t", "{", "}", "[", "{\"text\"", "{\"text\":", "{\"text\":\"a", "{\"text\":\"a\\",
        #"{"text":"a\x"}"#, #"{"text":"a\u12"}"#, #"{"text":"a\u12G4"}"#, #"{"text":"\u"}"#, #"{"text":"\'"}"#,
        "{\"text\":\"tab\there\"}", "{\"text\":\"line\nbreak\"}", "{\"text\":\"\u{1}\"}",
        "{} x", "{}}", "{}{}", "{} ,", "[] []", "{\"a\":1}]",
        #"{"a":01}"#, #"{"a":1.}"#, #"{"a":.5}"#, #"{"a":+1}"#, #"{"a":-}"#, #"{"a":1e}"#, #"{"a":1e+}"#,
        #"{"a":0x10}"#,
        #"{"a":--1}"#, #"{"a":NaN}"#, #"{"a":Infinity}"#,
        #"{"a":tru}"#, #"{"a":nul}"#, #"{"a":True}"#, #"{"a":nulll}"#, #"{'a':1}"#, #"{a:1}"#, #"{"a" 1}"#,
        #"{"a"::1}"#,
        #"{"a":1 "b":2}"#, #"{"a":1,,"b":2}"#, #"{,"a":1}"#, "[1 2]", "[,1]", "[1,,2]", #"{"a"}"#, #"{1:2}"#,
    ])
    func rejectsMalformedJSON(json: String) {
        let bytes = Array(json.utf8)
        #expect(throws: CompletionChunkScanner.MalformedJSON.self) { try CompletionChunkScanner.scan(bytes) }
        #expect(!Self.foundationAccepts(bytes))
    }

    @Test(arguments: [#"{"a":1,}"#, "[1,]", #"{"choices":[{"text":"x"},]}"#])
    func rejectsTrailingCommaThatFoundationTolerates(json: String) {
        #expect(throws: CompletionChunkScanner.MalformedJSON.self) { try Self.scan(json) }
    }

    @Test func rejectsByteOrderMark() {
        #expect(throws: CompletionChunkScanner.MalformedJSON.self) {
            try CompletionChunkScanner.scan([0xEF, 0xBB, 0xBF] + Array("{}".utf8))
        }
    }

    @Test(arguments: [
        "{}", " {} ", "\r\n{\t}\n", "[]", "\"text\"", "0", "-0", "1E+2", "-1.5e-3", "true", "null", #"{"a":[]}"#,
        #"{"\u00e0":"x"}"#, #"{"a":"\"\\\/\b\f\n\r\t\u00FF"}"#, #"{"a":{"b":{"c":[[],[{}]]}}}"#,
    ])
    func acceptsWellFormedJSON(json: String) {
        let bytes = Array(json.utf8)
        #expect(Self.accepts(bytes))
        #expect(Self.foundationAccepts(bytes))
    }

    @Test func reportsTheOffsetOfTheProblem() {
        #expect(throws: CompletionChunkScanner.MalformedJSON(offset: 9)) { try Self.scan(#"{"a":1,  x}"#) }
        #expect(throws: CompletionChunkScanner.MalformedJSON(offset: 2)) { try Self.scan("{}x") }
        #expect(throws: CompletionChunkScanner.MalformedJSON(offset: 0)) { try Self.scan("") }
    }

    @Test func nestingIsLimitedToSixtyFourLevels() throws {
        let depth = CompletionChunkScanner.maxDepth
        let arrays = { (levels: Int) in String(repeating: "[", count: levels) + String(repeating: "]", count: levels) }
        let objects = { (levels: Int) in
            String(repeating: #"{"choices":"#, count: levels - 1) + "{}" + String(repeating: "}", count: levels - 1)
        }
        #expect(Self.accepts(Array(arrays(depth).utf8)))
        #expect(Self.accepts(Array(objects(depth).utf8)))
        #expect(throws: CompletionChunkScanner.MalformedJSON.self) { try Self.scan(arrays(depth + 1)) }
        #expect(throws: CompletionChunkScanner.MalformedJSON.self) { try Self.scan(objects(depth + 1)) }
        // Far deeper than any stack could recurse: rejected at level 65, without crashing.
        #expect(throws: CompletionChunkScanner.MalformedJSON.self) { try Self.scan(arrays(1_000_000)) }
        #expect(throws: CompletionChunkScanner.MalformedJSON.self) {
            try Self.scan(String(repeating: "[{\"a\":", count: 100_000))
        }
    }

    @Test func invalidUTF8InsideStringsPassesThroughAsBytes() throws {
        for invalid: [UInt8] in [
            [0xFF], [0xC3], [0xC3, 0x28], [0xE1, 0xBA], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
        ] {
            let bytes = Array(#"{"choices":[{"text":""#.utf8) + invalid + Array(#""}]}"#.utf8)
            #expect(
                try CompletionChunkScanner.scan(bytes) == CompletionChunk(hasTokenText: true, hasContentText: true),
                "\(invalid)"
            )
            #expect(!Self.foundationAccepts(bytes), "\(invalid)")
        }
    }

    @Test func unpairedSurrogateEscapesPassThroughUndecoded() throws {
        for text in [#"\ud800"#, #"\udc00x"#, #"\ud83d\u0041"#] {
            let json = #"{"choices":[{"text":""# + text + #""}]}"#
            #expect(try Self.scan(json) == CompletionChunk(hasTokenText: true, hasContentText: true), "\(text)")
        }
    }

    @Test func numbersBeyondDoubleAreStillWellFormed() throws {
        #expect(
            try Self.scan(#"{"logprob":-1e400,"usage":{"completion_tokens":3}}"#)
                == CompletionChunk(completionTokens: 3)
        )
    }
}

// MARK: - Random chunks

extension CompletionChunkScannerTests {
    /// Random completion-chunk-like JSON: the OpenAI shapes (`choices[0]`, `delta`, `usage`) with
    /// random nesting of objects, arrays, strings and numbers, and the scanner's keys sprinkled at the
    /// top, in `choices[0]`, in `delta`, in `usage` and deeper. `prompt_tokens`, `completion_tokens`
    /// and `finish_reason` appear at most once per chunk (see the rules in `CompletionChunkScannerTests`).
    struct ChunkGenerator {
        private var random: SeededRandom
        private var placedOnce: Set<String> = []

        init(seed: UInt64) { random = SeededRandom(seed: seed) }

        private static let fillerNames = [
            "id", "object", "created", "model", "index", "logprobs", "role", "stop_reason", "tokens", "Text", "texts",
            "contents", "prompt_token", "usage_", "errors", "total_tokens", "x", "tự", "a b", "",
        ]
        private static let texts = [
            "", " ", "Xin", " chào", "Tiếng Việt", #"\"quoted\""#, #"\\"#, #"\n"#, #"\u00e0\u1EA1"#,
            #"\ud83d\ude00"#, "🙂", #"back\/slash"#, "[DONE]",
        ]

        private mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

        private mutating func pick<T>(_ values: [T]) -> T { values.randomElement(using: &random)! }

        private mutating func space() -> String { chance(85) ? "" : pick([" ", "\n", "\t", "\r\n", "  "]) }

        mutating func chunk() -> String {
            placedOnce = []
            var members: [(String, String)] = []
            var choice: [(String, String)] = []
            if chance(60) {
                var delta: [(String, String)] = []
                if chance(30) { delta.append(("role", "\"assistant\"")) }
                sprinkle(into: &delta, percent: 50)
                choice.append(("delta", object(delta, depth: 2)))
            }
            choice.append(("index", "0"))
            sprinkle(into: &choice, percent: 40)
            var choices = [object(choice, depth: 2)]
            if chance(15) { choices.append(object([("index", "1")], depth: 2)) }
            members.append(("choices", chance(10) ? "[]" : "[" + choices.joined(separator: ",") + "]"))
            if chance(50) {
                var usage: [(String, String)] = []
                sprinkle(into: &usage, percent: 60)
                members.append(("usage", chance(20) ? "null" : object(usage, depth: 1)))
            }
            if chance(25) {
                members.append(
                    ("error", pick([#"{"message":"x","code":500}"#, #""""#, #""boom""#, "null", "true", "0", "[]"]))
                )
            }
            sprinkle(into: &members, percent: 25)
            return space() + object(members, depth: 0) + space()
        }

        /// Adds interesting keys to `members`, each with probability `percent`, and some filler.
        private mutating func sprinkle(into members: inout [(String, String)], percent: Int) {
            for name in ["text", "content", "reasoning_content"] where chance(percent) {
                members.append((name, interestingValue(for: name)))
            }
            for name in [
                "prompt_tokens", "completion_tokens", "finish_reason", "cached_tokens", "prompt_n", "predicted_n",
                "prompt_ms", "predicted_ms",
            ]
            where !placedOnce.contains(name) && chance(percent) {
                placedOnce.insert(name)
                members.append((name, interestingValue(for: name)))
            }
        }

        private mutating func interestingValue(for name: String) -> String {
            switch name {
            case "prompt_tokens", "completion_tokens", "cached_tokens", "prompt_n", "predicted_n", "prompt_ms",
                "predicted_ms":
                pick([
                    String(Int.random(in: 0...100_000, using: &random)), "0", "-7", "12.5", "1e2", "12.0", "3E+1",
                    "123456789012345678901", "9223372036854775807", "\"12\"", "null", "true", "false", "{}", "[1]",
                ])
            case "finish_reason":
                pick(["\"length\"", "\"stop\"", "\"eos\"", "\"\"", "null", "3", "[\"stop\"]"])
            default:
                chance(75) ? "\"" + pick(Self.texts) + "\"" : value(depth: 3)
            }
        }

        /// `members` as an object, with filler members and random nested values mixed in.
        private mutating func object(_ fixed: [(String, String)], depth: Int) -> String {
            var members = fixed
            var names = Set(fixed.map(\.0))
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                let name = pick(Self.fillerNames)
                guard !names.contains(name) else { continue }
                names.insert(name)
                members.append((name, value(depth: depth + 1)))
            }
            members.shuffle(using: &random)
            let body = members.map { space() + "\"\($0.0)\"" + space() + ":" + space() + $0.1 + space() }
            return "{" + body.joined(separator: ",") + (members.isEmpty ? space() : "") + "}"
        }

        /// A random JSON value; containers get rarer with depth, and may hold the interesting keys.
        private mutating func value(depth: Int) -> String {
            let containers = depth < 5 ? 30 : 0
            let roll = Int.random(in: 0..<100, using: &random)
            switch roll {
            case ..<(containers / 2):
                var members: [(String, String)] = []
                if chance(30) {
                    members.append((pick(["text", "content", "reasoning_content"]), "\"" + pick(Self.texts) + "\""))
                }
                if chance(10), !placedOnce.contains("prompt_tokens") {
                    placedOnce.insert("prompt_tokens")
                    members.append(("prompt_tokens", interestingValue(for: "prompt_tokens")))
                }
                if chance(10) { members.append(("error", "\"nested\"")) }
                return object(members, depth: depth + 1)
            case ..<containers:
                let count = Int.random(in: 0...3, using: &random)
                return "[" + (0..<count).map { _ in space() + value(depth: depth + 1) + space() }.joined(separator: ",")
                    + "]"
            case ..<55:
                return "\"" + pick(Self.texts) + "\""
            case ..<80:
                return pick(["0", "-1", "42", "3.14", "-0.5e-3", "1E9", "1714000000", "-0"])
            default:
                return pick(["true", "false", "null"])
            }
        }
    }
}
