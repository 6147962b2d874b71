/// What the benchmark needs from one streamed completion chunk, read without building a JSON tree.
struct CompletionChunk: Equatable, Sendable {
    /// Why a choice finished, as the server said it.
    enum FinishReason: Equatable, Sendable {
        case length
        case stop
        case other
    }

    /// The chunk carries generated text: a non-empty `text`, `content` or `reasoning_content` string.
    var hasTokenText = false
    /// The chunk carries non-empty reasoning text (`reasoning_content`).
    var hasReasoningText = false
    /// `usage.prompt_tokens`, when present.
    var promptTokens: Int?
    /// `usage.completion_tokens`, when present.
    var completionTokens: Int?
    /// The last `finish_reason` that was not null.
    var finishReason: FinishReason?
    /// The chunk has a top-level `error` that is not null.
    var hasError = false
}
