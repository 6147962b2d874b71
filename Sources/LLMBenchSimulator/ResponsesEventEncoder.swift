import LLMBenchSupport
import NIOCore

/// Writes the bytes of a `/v1/responses` answer in OpenAI's shapes: the stream's events
/// (`response.created`, `response.in_progress`, `response.output_item.added`,
/// `response.content_part.added`, one `response.output_text.delta` per token event, then the
/// `.done` events and `response.completed`, or `response.incomplete` when `max_output_tokens` ran
/// out) and the `response` object of a non-streamed answer. Every event carries its
/// `sequence_number`: the four opening events are 0–3, token event `i` is `4 + i`.
struct ResponsesEventEncoder: Sendable {
    /// The token counts of a finished answer.
    struct Usage: Sendable {
        var promptTokens: Int
        /// Prompt tokens taken from the prefix cache (`input_tokens_details.cached_tokens`).
        var cachedPromptTokens: Int
        var completionTokens: Int
    }

    /// The events before the first token event.
    static let openingEvents = 4

    private let plan: GenerationPlan
    /// The output message's id.
    private let itemID: String
    /// `"item_id":…,"output_index":0,"content_index":0` of the text events.
    private let textEventFields: String

    init(plan: GenerationPlan) {
        self.plan = plan
        itemID = "msg_" + plan.responseID.dropFirst(GenerationPlan.Kind.responses.idPrefix.count)
        textEventFields = "\"item_id\":\(JSONString.quoted(itemID)),\"output_index\":0,\"content_index\":0"
    }

    /// The opening events (before the first token event).
    func writeOpening(into buffer: inout ByteBuffer) {
        let inProgress = response(status: "in_progress", output: "[]", usage: nil)
        write("response.created", "\"response\":\(inProgress)", sequence: 0, into: &buffer)
        write("response.in_progress", "\"response\":\(inProgress)", sequence: 1, into: &buffer)
        write(
            "response.output_item.added",
            "\"output_index\":0,\"item\":\(message(status: "in_progress", content: "[]"))",
            sequence: 2,
            into: &buffer
        )
        write(
            "response.content_part.added",
            textEventFields + ",\"part\":\(Self.outputText(""))",
            sequence: 3,
            into: &buffer
        )
    }

    /// Token event `index`: `response.output_text.delta` with `text`.
    func writeDelta(_ text: String, index: Int, into buffer: inout ByteBuffer) {
        write(
            "response.output_text.delta",
            textEventFields + ",\"delta\":\(JSONString.quoted(text)),\"logprobs\":[]",
            sequence: Self.openingEvents + index,
            into: &buffer
        )
    }

    /// The closing events after `events` token events that wrote `text`: the `.done` events and
    /// `response.completed` (or `response.incomplete`) with the usage.
    func writeClosing(text: String, events: Int, usage: Usage, into buffer: inout ByteBuffer) {
        let sequence = Self.openingEvents + events
        let status = itemStatus
        write(
            "response.output_text.done",
            textEventFields + ",\"text\":\(JSONString.quoted(text)),\"logprobs\":[]",
            sequence: sequence,
            into: &buffer
        )
        write(
            "response.content_part.done",
            textEventFields + ",\"part\":\(Self.outputText(text))",
            sequence: sequence + 1,
            into: &buffer
        )
        write(
            "response.output_item.done",
            "\"output_index\":0,\"item\":\(message(status: status, content: "[\(Self.outputText(text))]"))",
            sequence: sequence + 2,
            into: &buffer
        )
        write(
            isIncomplete ? "response.incomplete" : "response.completed",
            "\"response\":\(finalResponse(text: text, usage: usage))",
            sequence: sequence + 3,
            into: &buffer
        )
    }

    /// `response.failed` after `events` token events: the `error_event` fault.
    func writeFailed(events: Int, into buffer: inout ByteBuffer) {
        let error = "{\"code\":\"server_error\",\"message\":\"simulated failure\"}"
        write(
            "response.failed",
            "\"response\":\(response(status: "failed", output: "[]", usage: nil, error: error))",
            sequence: Self.openingEvents + events,
            into: &buffer
        )
    }

    /// The whole `response` object of a non-streamed answer.
    func finalResponse(text: String, usage: Usage) -> String {
        response(
            status: isIncomplete ? "incomplete" : "completed",
            output: "[\(message(status: itemStatus, content: "[\(Self.outputText(text))]"))]",
            usage: Self.usage(usage)
        )
    }

    /// Whether the answer stops at `max_output_tokens` (OpenAI's status `incomplete`) rather than at an EOS.
    private var isIncomplete: Bool { plan.finishReason == "length" }

    private var itemStatus: String { isIncomplete ? "incomplete" : "completed" }

    private func write(_ type: String, _ fields: String, sequence: Int, into buffer: inout ByteBuffer) {
        buffer.writeString("event: \(type)\ndata: {\"type\":\"\(type)\",")
        buffer.writeString(fields)
        buffer.writeString(",\"sequence_number\":\(sequence)}\n\n")
    }

    private func response(status: String, output: String, usage: String?, error: String = "null") -> String {
        let incomplete = status == "incomplete" ? "{\"reason\":\"max_output_tokens\"}" : "null"
        return "{\"id\":\(JSONString.quoted(plan.responseID)),\"object\":\"response\",\"created_at\":\(plan.created),"
            + "\"status\":\"\(status)\",\"error\":\(error),\"incomplete_details\":\(incomplete),"
            + "\"instructions\":null,\"max_output_tokens\":\(plan.maxTokens),\"model\":\(JSONString.quoted(plan.model)),"
            + "\"output\":\(output),\"parallel_tool_calls\":true,"
            + "\"previous_response_id\":\(JSONString.quotedOrNull(plan.previousResponseID)),"
            + "\"reasoning\":{\"effort\":null,\"summary\":null},\"store\":\(plan.storedInputTokens != nil),"
            + "\"temperature\":1.0,\"text\":{\"format\":{\"type\":\"text\"}},\"tool_choice\":\"auto\",\"tools\":[],"
            + "\"top_p\":1.0,\"truncation\":\"disabled\",\"usage\":\(usage ?? "null"),\"user\":null,\"metadata\":{}}"
    }

    private func message(status: String, content: String) -> String {
        "{\"id\":\(JSONString.quoted(itemID)),\"type\":\"message\",\"status\":\"\(status)\","
            + "\"role\":\"assistant\",\"content\":\(content)}"
    }

    private static func outputText(_ text: String) -> String {
        "{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\(JSONString.quoted(text))}"
    }

    /// The `usage` object.
    private static func usage(_ usage: Usage) -> String {
        "{\"input_tokens\":\(usage.promptTokens),"
            + "\"input_tokens_details\":{\"cached_tokens\":\(usage.cachedPromptTokens)},"
            + "\"output_tokens\":\(usage.completionTokens),\"output_tokens_details\":{\"reasoning_tokens\":0},"
            + "\"total_tokens\":\(usage.promptTokens + usage.completionTokens)}"
    }
}
