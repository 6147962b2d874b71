/// What the benchmark needs from one streamed completion chunk, read without building a JSON tree.
public struct CompletionChunk: Equatable, Sendable {
    /// Why a choice finished, as the server said it.
    public enum FinishReason: Equatable, Sendable {
        case length
        case stop
        case other
    }

    /// The chunk carries generated text: a non-empty `text`, `content` or `reasoning_content` string.
    public var hasTokenText = false
    /// The chunk carries non-empty answer text (`text` or `content`), reasoning aside.
    var hasContentText = false
    /// Byte range of the last non-empty answer text string (`text` or `content`) in the chunk, still
    /// JSON-escaped, without its quotes.
    var contentRange: Range<Int>?
    /// The chunk carries non-empty reasoning text (`reasoning_content` or `reasoning`).
    var hasReasoningText = false
    /// `usage.prompt_tokens`, when present.
    var promptTokens: Int?
    /// `usage.prompt_tokens_details.cached_tokens`: prompt tokens the server took from its cache.
    var cachedPromptTokens: Int?
    /// llama.cpp's `timings` fields, where the chunk has them.
    var serverTimings = ServerTimings()
    /// Whether the chunk carries `cached_tokens` or any `timings` field: what a request's
    /// `ServerReport` is made from (the final chunk, mostly).
    var carriesServerReport: Bool { cachedPromptTokens != nil || !serverTimings.isEmpty }
    /// `usage.completion_tokens`, when present.
    public var completionTokens: Int?
    /// The last `finish_reason` that was not null.
    public var finishReason: FinishReason?
    /// The chunk has a top-level `error` that is not null, or is a Responses `error` or
    /// `response.failed` event.
    public var hasError = false
    /// A Responses stream's last event: `response.completed` or `response.incomplete`.
    var endsStream = false
    /// Byte range of the response's `id` in a `response.created` event, still JSON-escaped.
    var responseIDRange: Range<Int>?

    /// Equal when they say the same of their chunks; where the answer text and the response id lie in
    /// the bytes (`contentRange`, `responseIDRange`) is not part of what a chunk says.
    public static func == (lhs: CompletionChunk, rhs: CompletionChunk) -> Bool {
        lhs.hasTokenText == rhs.hasTokenText && lhs.hasContentText == rhs.hasContentText
            && lhs.hasReasoningText == rhs.hasReasoningText && lhs.promptTokens == rhs.promptTokens
            && lhs.cachedPromptTokens == rhs.cachedPromptTokens && lhs.serverTimings == rhs.serverTimings
            && lhs.completionTokens == rhs.completionTokens && lhs.finishReason == rhs.finishReason
            && lhs.hasError == rhs.hasError && lhs.endsStream == rhs.endsStream
    }
}
