/// The layout of a trace file (`format:` of a `trace:` case).
public enum TraceFormat: String, Sendable, CaseIterable {
    /// Mooncake's JSON lines: `{"timestamp": ms, "input_length", "output_length", "hash_ids": [...]}`.
    case mooncake
    /// Azure's LLM inference trace CSV: `TIMESTAMP,ContextTokens,GeneratedTokens`.
    case azure
    /// BurstGPT's CSV: `Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type`.
    case burstgpt
    /// llm-bench's JSON lines: `{"offset_ms", "input_tokens", "output_tokens", "hash_ids"?, "prompt"?}`.
    case jsonl
}
