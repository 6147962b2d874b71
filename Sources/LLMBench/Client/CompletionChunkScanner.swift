#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a streamed completion chunk's JSON in one pass, allocation-free, validating its syntax.
///
/// It looks only for the fields the benchmark needs: text (`text`, `content`,
/// `reasoning_content`, `reasoning` strings), `prompt_tokens`, `completion_tokens`, `cached_tokens`,
/// `finish_reason`, a top-level `error`, and llama.cpp's `timings` (`prompt_n`, `prompt_ms`,
/// `predicted_n`, `predicted_ms`). Anything that is not well-formed JSON is rejected, so a broken chunk is
/// reported rather than miscounted.
///
/// An event of OpenAI's Responses API (`readsResponseEvents`) is read by other fields: its `type`,
/// the `delta` of a text event, the response's `id`, `input_tokens`, `output_tokens`,
/// `cached_tokens`, `incomplete_details.reason` and llama.cpp's `timings`; what the event means is
/// decided from its type once it is read (``CompletionChunkScanner+Responses``).
///
/// Longer than this codebase's ~250-line files and ~60-line functions on purpose: it is one
/// byte-level state machine run on every token event, and `value(field:depth:)` keeps the cursor
/// and its bounds checks in one frame; its cost per chunk is what `Benchmarks/`
/// (`StreamParsingBenchmarks`) measures, so a split must be measured there first.
public struct CompletionChunkScanner {
    /// Why a chunk is not well-formed JSON.
    public struct MalformedJSON: Error, Equatable {
        /// Byte offset of the problem.
        var offset: Int
    }

    private enum Field {
        case text
        case reasoning
        case promptTokens
        case completionTokens
        case cachedTokens
        case timingsPromptTokens
        case timingsPromptMilliseconds
        case timingsPredictedTokens
        case timingsPredictedMilliseconds
        case finishReason
        case error
        case eventType
        case delta
        case responseID
        case incompleteReason
        case other
    }

    /// The deepest nesting accepted.
    static let maxDepth = 64

    private let bytes: UnsafeRawBufferPointer
    private let readsResponseEvents: Bool
    private var position = 0
    private var chunk = CompletionChunk()
    /// A Responses event's fields, read in any order and interpreted at the end.
    private var responseEvent = ResponseEventFields()

    private init(_ bytes: UnsafeRawBufferPointer, readsResponseEvents: Bool) {
        self.bytes = bytes
        self.readsResponseEvents = readsResponseEvents
    }

    /// Scans one chunk, or one Responses event when `readsResponseEvents`; throws `MalformedJSON`
    /// when it is not a single well-formed JSON value.
    public static func scan(
        _ bytes: UnsafeRawBufferPointer,
        readsResponseEvents: Bool = false
    ) throws(MalformedJSON) -> CompletionChunk {
        var scanner = CompletionChunkScanner(bytes, readsResponseEvents: readsResponseEvents)
        scanner.skipWhitespace()
        try scanner.value(field: .other, depth: 0)
        scanner.skipWhitespace()
        guard scanner.position == bytes.count else { throw MalformedJSON(offset: scanner.position) }
        if readsResponseEvents { scanner.responseEvent.apply(to: &scanner.chunk) }
        return scanner.chunk
    }

    /// Scans a chunk held in an array.
    public static func scan(_ bytes: [UInt8], readsResponseEvents: Bool = false) throws(MalformedJSON)
        -> CompletionChunk
    {
        // Through a `Result`: `withUnsafeBytes` rethrows only `any Error`.
        try bytes.withUnsafeBytes { buffer in
            Result { () throws(MalformedJSON) in try scan(buffer, readsResponseEvents: readsResponseEvents) }
        }.get()
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private func failure() -> MalformedJSON { MalformedJSON(offset: position) }

    private mutating func value(field: Field, depth: Int) throws(MalformedJSON) {
        guard let byte = current else { throw failure() }
        switch byte {
        case UInt8(ascii: "{"):
            if field == .error, depth == 1 { chunk.hasError = true }
            try object(depth: depth + 1)
        case UInt8(ascii: "["):
            if field == .error, depth == 1 { chunk.hasError = true }
            try array(depth: depth + 1)
        case UInt8(ascii: "\""):
            let (start, end) = try string()
            let length = end - start
            switch field {
            case .text:
                if length > 0 {
                    chunk.hasTokenText = true
                    chunk.hasContentText = true
                    chunk.contentRange = start..<end
                }
            case .reasoning:
                if length > 0 {
                    chunk.hasTokenText = true
                    chunk.hasReasoningText = true
                }
            case .finishReason:
                chunk.finishReason = finishReason(start, end)
            case .error:
                if depth == 1 { chunk.hasError = true }
            case .eventType:
                if depth == 1 { responseEvent.kind = responseEventKind(start, end) }
            case .delta:
                if depth == 1 { responseEvent.delta = start..<end }
            case .responseID:
                if depth == 2, responseEvent.responseID == nil { responseEvent.responseID = start..<end }
            case .incompleteReason:
                responseEvent.isLengthReason = end - start == 17 && matches("max_output_tokens", at: start)
            default:
                break
            }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = position
            let integer = try number()
            switch field {
            case .promptTokens: chunk.promptTokens = integer
            case .completionTokens: chunk.completionTokens = integer
            case .cachedTokens: chunk.cachedPromptTokens = integer
            case .timingsPromptTokens: chunk.serverTimings.promptTokens = integer
            case .timingsPredictedTokens: chunk.serverTimings.predictedTokens = integer
            case .timingsPromptMilliseconds: chunk.serverTimings.promptMilliseconds = decimal(start, position)
            case .timingsPredictedMilliseconds: chunk.serverTimings.predictedMilliseconds = decimal(start, position)
            case .error: if depth == 1 { chunk.hasError = true }
            default: break
            }
        case UInt8(ascii: "t"):
            try literal("true")
            if field == .error, depth == 1 { chunk.hasError = true }
        case UInt8(ascii: "f"):
            try literal("false")
        case UInt8(ascii: "n"):
            try literal("null")
        default:
            throw failure()
        }
    }

    private mutating func object(depth: Int) throws(MalformedJSON) {
        guard depth <= Self.maxDepth else { throw failure() }
        position += 1
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position += 1
            return
        }
        while true {
            guard current == UInt8(ascii: "\"") else { throw failure() }
            let (start, end) = try string()
            let field = self.field(start, end)
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw failure() }
            position += 1
            skipWhitespace()
            try value(field: field, depth: depth)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                position += 1
                skipWhitespace()
            case UInt8(ascii: "}"):
                position += 1
                return
            default:
                throw failure()
            }
        }
    }

    private mutating func array(depth: Int) throws(MalformedJSON) {
        guard depth <= Self.maxDepth else { throw failure() }
        position += 1
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position += 1
            return
        }
        while true {
            try value(field: .other, depth: depth)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                position += 1
                skipWhitespace()
            case UInt8(ascii: "]"):
                position += 1
                return
            default:
                throw failure()
            }
        }
    }

    /// Reads a string; returns the range of its raw (still escaped) contents.
    private mutating func string() throws(MalformedJSON) -> (Int, Int) {
        position += 1
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                let end = position
                position += 1
                return (start, end)
            case UInt8(ascii: "\\"):
                position += 1
                guard let escaped = current else { throw failure() }
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                    UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    position += 1
                case UInt8(ascii: "u"):
                    guard position + 4 < bytes.count else { throw failure() }
                    for offset in 1...4 where !Self.isHexDigit(bytes[position + offset]) {
                        position += offset
                        throw failure()
                    }
                    position += 5
                default:
                    throw failure()
                }
            case 0x00..<0x20:
                throw failure()
            default:
                position += 1
            }
        }
        throw failure()
    }

    /// Reads a number; returns its value when it is an integer that fits an `Int`.
    private mutating func number() throws(MalformedJSON) -> Int? {
        var isNegative = false
        if current == UInt8(ascii: "-") {
            isNegative = true
            position += 1
        }
        guard let first = current, Self.isDigit(first) else { throw failure() }
        var value = 0
        var overflow = false
        if first == UInt8(ascii: "0") {
            position += 1
        } else {
            while let digit = current, Self.isDigit(digit) {
                let (times, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times.addingReportingOverflow(Int(digit - UInt8(ascii: "0")))
                overflow = overflow || o1 || o2
                value = sum
                position += 1
            }
        }
        var isInteger = true
        if current == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard let digit = current, Self.isDigit(digit) else { throw failure() }
            while let digit = current, Self.isDigit(digit) { position += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard let digit = current, Self.isDigit(digit) else { throw failure() }
            while let digit = current, Self.isDigit(digit) { position += 1 }
        }
        guard isInteger, !overflow else { return nil }
        return isNegative ? -value : value
    }

    /// The number between `start` and `end` (already validated) as a `Double`; only the final
    /// chunk's `timings` have fractional fields, so the text it builds is rare and short.
    private func decimal(_ start: Int, _ end: Int) -> Double? {
        Double(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
    }

    private mutating func literal(_ word: StaticString) throws(MalformedJSON) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw failure() }
        for index in 0..<count where bytes[position + index] != word.utf8Start[index] {
            throw failure()
        }
        position += count
    }

    private func field(_ start: Int, _ end: Int) -> Field {
        if readsResponseEvents { return responsesField(start, end) }
        switch end - start {
        case 4 where matches("text", at: start): return .text
        case 5 where matches("error", at: start): return .error
        case 7 where matches("content", at: start): return .text
        case 8 where matches("prompt_n", at: start): return .timingsPromptTokens
        case 9 where matches("reasoning", at: start): return .reasoning
        case 9 where matches("prompt_ms", at: start): return .timingsPromptMilliseconds
        case 11 where matches("predicted_n", at: start): return .timingsPredictedTokens
        case 12 where matches("predicted_ms", at: start): return .timingsPredictedMilliseconds
        case 13 where matches("prompt_tokens", at: start): return .promptTokens
        case 13 where matches("finish_reason", at: start): return .finishReason
        case 13 where matches("cached_tokens", at: start): return .cachedTokens
        case 17 where matches("completion_tokens", at: start): return .completionTokens
        case 17 where matches("reasoning_content", at: start): return .reasoning
        default: return .other
        }
    }

    private func finishReason(_ start: Int, _ end: Int) -> CompletionChunk.FinishReason {
        switch end - start {
        case 6 where matches("length", at: start): return .length
        case 4 where matches("stop", at: start): return .stop
        default: return .other
        }
    }

    /// The fields of a Responses event.
    private func responsesField(_ start: Int, _ end: Int) -> Field {
        switch end - start {
        case 2 where matches("id", at: start): return .responseID
        case 4 where matches("type", at: start): return .eventType
        case 5 where matches("delta", at: start): return .delta
        case 5 where matches("error", at: start): return .error
        case 6 where matches("reason", at: start): return .incompleteReason
        case 8 where matches("prompt_n", at: start): return .timingsPromptTokens
        case 9 where matches("prompt_ms", at: start): return .timingsPromptMilliseconds
        case 11 where matches("predicted_n", at: start): return .timingsPredictedTokens
        case 12 where matches("predicted_ms", at: start): return .timingsPredictedMilliseconds
        case 12 where matches("input_tokens", at: start): return .promptTokens
        case 13 where matches("output_tokens", at: start): return .completionTokens
        case 13 where matches("cached_tokens", at: start): return .cachedTokens
        default: return .other
        }
    }

    /// The Responses event type between `start` and `end`.
    private func responseEventKind(_ start: Int, _ end: Int) -> ResponseEventFields.Kind {
        switch end - start {
        case 5 where matches("error", at: start): return .error
        case 15 where matches("response.failed", at: start): return .failed
        case 16 where matches("response.created", at: start): return .created
        case 18 where matches("response.completed", at: start): return .completed
        case 19 where matches("response.incomplete", at: start): return .incomplete
        case 26 where matches("response.output_text.delta", at: start): return .outputTextDelta
        case 29 where matches("response.reasoning_text.delta", at: start): return .reasoningDelta
        case 37 where matches("response.reasoning_summary_text.delta", at: start): return .reasoningDelta
        default: return .other
        }
    }

    /// Whether the bytes at `start` are `word` (the caller has checked the length).
    private func matches(_ word: StaticString, at start: Int) -> Bool {
        memcmp(bytes.baseAddress! + start, word.utf8Start, word.utf8CodeUnitCount) == 0
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }
}
