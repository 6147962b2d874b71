/// A streamed `/v1/completions` answer shaped like vLLM's: one `data:` event per token (the last one
/// with its finish reason), a usage chunk (`stream_options.include_usage`) and `data: [DONE]`.
struct CompletionStream: Sendable {
    /// Token texts cycled through, as a Vietnamese prompt's continuation would bring them: multi-byte
    /// UTF-8, punctuation and an escaped line break.
    private static let tokens = [
        " xin", " chào", " các", " bạn", ",", " hôm", " nay", " trời", " đẹp", " quá", ".", #"\n"#,
    ]

    /// The whole response body.
    let bytes: [UInt8]
    /// Events in the body, the usage chunk and `[DONE]` included.
    let eventCount: Int
    /// Token-carrying events (`eventCount - 2`).
    let tokenEventCount: Int
    /// The `data:` value of every JSON event, in order (the usage chunk last, `[DONE]` left out).
    let payloads: [[UInt8]]
    /// Where each event ends in `bytes`, just past its blank line.
    private let eventEnds: [Int]

    /// A stream of `eventCount` events: `eventCount - 2` tokens, the usage chunk and `[DONE]`.
    init(eventCount: Int) {
        precondition(eventCount >= 3, "a stream needs a token, the usage chunk and [DONE]")
        let tokenEventCount = eventCount - 2
        var payloads: [[UInt8]] = []
        payloads.reserveCapacity(eventCount - 1)
        for index in 0..<tokenEventCount {
            let text = Self.tokens[index % Self.tokens.count]
            let finishReason = index == tokenEventCount - 1 ? #""length""# : "null"
            payloads.append(Array(Self.tokenChunk(text: text, finishReason: finishReason).utf8))
        }
        payloads.append(Array(Self.usageChunk(completionTokens: tokenEventCount).utf8))
        var bytes: [UInt8] = []
        var eventEnds: [Int] = []
        for payload in payloads + [Array("[DONE]".utf8)] {
            bytes.append(contentsOf: "data: ".utf8)
            bytes.append(contentsOf: payload)
            bytes.append(contentsOf: "\n\n".utf8)
            eventEnds.append(bytes.count)
        }
        self.bytes = bytes
        self.eventCount = eventCount
        self.tokenEventCount = tokenEventCount
        self.payloads = payloads
        self.eventEnds = eventEnds
    }

    /// One read per event, as a server that flushes every token and a client that keeps up would see.
    var readsPerEvent: [Range<Int>] {
        zip([0] + eventEnds.dropLast(), eventEnds).map { $0..<$1 }
    }

    /// Reads of `size` bytes (the last one shorter), cutting events and lines anywhere.
    func reads(ofSize size: Int) -> [Range<Int>] {
        stride(from: 0, to: bytes.count, by: size).map { $0..<min($0 + size, bytes.count) }
    }

    private static func tokenChunk(text: String, finishReason: String) -> String {
        #"{"id":"cmpl-8f3c2a7e5b1d4c6e9a0b2d4f6e8a1c3b","object":"text_completion","created":1714000000,"#
            + #""model":"Qwen/Qwen3-8B","choices":[{"index":0,"text":""# + text
            + #"","logprobs":null,"finish_reason":"# + finishReason + #","stop_reason":null}],"usage":null}"#
    }

    private static func usageChunk(completionTokens: Int) -> String {
        #"{"id":"cmpl-8f3c2a7e5b1d4c6e9a0b2d4f6e8a1c3b","object":"text_completion","created":1714000000,"#
            + #""model":"Qwen/Qwen3-8B","choices":[],"usage":{"prompt_tokens":1000,"#
            + #""total_tokens":\#(1000 + completionTokens),"completion_tokens":\#(completionTokens)}}"#
    }
}
