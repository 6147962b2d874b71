import Foundation

/// llm-bench's own trace JSON lines: `{"offset_ms": 0, "input_tokens": 900, "output_tokens": 64}`,
/// with `"hash_ids": [...]` for shared prefix blocks as Mooncake's, or `"prompt": "..."` to send a
/// written prompt (its length then measured by the server; `input_tokens` optional beside it).
enum LLMBenchTrace {
    static func read(_ text: String, into collector: inout TraceCollector) throws(TraceError) {
        for (number, content) in TraceLines(text: text) {
            let object = try TraceJSON.object(content, line: number, format: .jsonl, path: collector.path)
            let prompt = try object.text("prompt")
            let hashIDs = try object.hashIDs()
            if prompt != nil, hashIDs != nil {
                throw object.error("it has both \"prompt\" and \"hash_ids\": a written prompt has no blocks to share")
            }
            let entry = TraceEntry(
                timeNanoseconds: try object.milliseconds("offset_ms"),
                inputTokens: prompt == nil || object.has("input_tokens") ? try object.tokens("input_tokens") : 0,
                outputTokens: try object.tokens("output_tokens"),
                hashIDs: hashIDs ?? [],
                prompt: prompt,
                line: number
            )
            guard try collector.add(entry) else { return }
        }
    }
}
