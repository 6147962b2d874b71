/// One request of a trace as its file gives it.
struct TraceEntry: Sendable, Equatable {
    /// Its time as written, in nanoseconds on the file's own axis (from the epoch for Azure's dates).
    var timeNanoseconds: Int64
    /// The prompt length in tokens (for a written prompt: the length the trace says it has, if any).
    var inputTokens: Int
    /// The output length asked for (`max_tokens`).
    var outputTokens: Int
    /// Mooncake's block ids: requests whose leading ids agree share those blocks of prompt.
    var hashIDs: [Int] = []
    /// The prompt to send as written (llm-bench's own JSONL only).
    var prompt: String? = nil
    /// The 1-based line of the file.
    var line: Int
}
