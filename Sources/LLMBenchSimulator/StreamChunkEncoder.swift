import LLMBenchSupport
import NIOCore

/// Writes the bytes of one completions or chat response: SSE events of a stream and the body of a
/// non-streaming answer (a Responses API answer is `ResponsesEventEncoder`'s, never written here).
/// The per-request JSON prefix is built once, so each event costs one small buffer write.
struct StreamChunkEncoder: Sendable {
    private let kind: GenerationPlan.Kind
    /// `data: {"id":…,"object":…,"created":…,"model":…,"choices":[`
    private let eventPrefix: String
    /// `"id":…,"object":…,"created":…,"model":…` for the non-streaming object.
    private let fullFields: String

    static let done = "data: [DONE]\n\n"
    static let malformedEvent = "data: {not json\n\n"
    static let errorEvent =
        "data: {\"error\":{\"message\":\"simulated failure\",\"type\":\"server_error\",\"code\":500}}\n\n"

    init(plan: GenerationPlan) {
        kind = plan.kind
        let chunkObject = plan.kind == .chat ? "chat.completion.chunk" : "text_completion"
        let fullObject = plan.kind == .chat ? "chat.completion" : "text_completion"
        func fields(object: String) -> String {
            "\"id\":\(JSONString.quoted(plan.responseID)),\"object\":\"\(object)\",\"created\":\(plan.created),"
                + "\"model\":\(JSONString.quoted(plan.model))"
        }
        eventPrefix = "data: {" + fields(object: chunkObject) + ",\"choices\":["
        fullFields = fields(object: fullObject)
    }

    /// The chat role chunk `delta:{"role":"assistant","content":""}`.
    func writeRoleChunk(into buffer: inout ByteBuffer) {
        buffer.writeString(eventPrefix)
        buffer.writeString(
            "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"logprobs\":null,\"finish_reason\":null}]}\n\n"
        )
    }

    /// A token event; `finishReason` is set on the last event of a completion stream, and
    /// `usage` (prompt tokens, cached ones, output tokens so far) is added when the client asked for it in
    /// every chunk, `timings` when the event is the stream's last chunk.
    func writeTokenEvent(
        text: String,
        finishReason: String?,
        usage: (promptTokens: Int, cachedTokens: Int, completionTokens: Int)? = nil,
        timings: ServerTimings? = nil,
        into buffer: inout ByteBuffer
    ) {
        buffer.writeString(eventPrefix)
        let escaped = JSONString.quoted(text)
        switch kind {
        case .completion:
            buffer.writeString("{\"index\":0,\"text\":")
            buffer.writeString(escaped)
            buffer.writeString(",\"logprobs\":null,\"finish_reason\":")
            buffer.writeString(JSONString.quotedOrNull(finishReason))
            buffer.writeString("}]")
        case .chat, .responses:
            buffer.writeString("{\"index\":0,\"delta\":{\"content\":")
            buffer.writeString(escaped)
            buffer.writeString("},\"logprobs\":null,\"finish_reason\":null}]")
        }
        if let usage {
            buffer.writeString(",\"usage\":")
            buffer.writeString(
                Self.usage(
                    promptTokens: usage.promptTokens,
                    cachedTokens: usage.cachedTokens,
                    completionTokens: usage.completionTokens
                )
            )
        }
        if let timings { buffer.writeString(Self.timingsField(timings)) }
        buffer.writeString("}\n\n")
    }

    /// The chat finish chunk `delta:{}` with its `finish_reason` (and `timings` when it is last).
    func writeFinishChunk(reason: String, timings: ServerTimings? = nil, into buffer: inout ByteBuffer) {
        buffer.writeString(eventPrefix)
        buffer.writeString(
            "{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\(JSONString.quoted(reason))}]"
                + Self.timingsField(timings) + "}\n\n"
        )
    }

    /// The usage chunk (`"choices":[]`), with `timings` when asked.
    func writeUsageChunk(
        promptTokens: Int,
        cachedTokens: Int,
        completionTokens: Int,
        timings: ServerTimings? = nil,
        into buffer: inout ByteBuffer
    ) {
        buffer.writeString(eventPrefix)
        buffer.writeString(
            "],\"usage\":"
                + Self.usage(promptTokens: promptTokens, cachedTokens: cachedTokens, completionTokens: completionTokens)
                + Self.timingsField(timings) + "}\n\n"
        )
    }

    /// The whole non-streaming `text_completion` or `chat.completion` object.
    func fullResponse(
        text: String,
        finishReason: String,
        promptTokens: Int,
        cachedTokens: Int,
        completionTokens: Int,
        timings: ServerTimings? = nil
    ) -> String {
        let choice: String
        switch kind {
        case .completion:
            choice =
                "{\"index\":0,\"text\":\(JSONString.quoted(text)),"
                + "\"logprobs\":null,\"finish_reason\":\"\(finishReason)\"}"
        case .chat, .responses:
            choice =
                "{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\(JSONString.quoted(text))},"
                + "\"logprobs\":null,\"finish_reason\":\"\(finishReason)\"}"
        }
        return "{\(fullFields),\"choices\":[\(choice)],\"usage\":"
            + Self.usage(promptTokens: promptTokens, cachedTokens: cachedTokens, completionTokens: completionTokens)
            + Self.timingsField(timings) + "}"
    }

    /// The `usage` object, with vLLM's `prompt_tokens_details.cached_tokens` (the prompt tokens
    /// found in the prefix cache).
    static func usage(promptTokens: Int, cachedTokens: Int, completionTokens: Int) -> String {
        "{\"prompt_tokens\":\(promptTokens),\"completion_tokens\":\(completionTokens),"
            + "\"total_tokens\":\(promptTokens + completionTokens),"
            + "\"prompt_tokens_details\":{\"cached_tokens\":\(cachedTokens)}}"
    }

    /// `,"timings":{…}`, or nothing.
    private static func timingsField(_ timings: ServerTimings?) -> String {
        guard let timings else { return "" }
        return ",\"timings\":" + timings.json
    }
}
