import NIOCore

/// The events of a Responses API answer around its token events.
extension GenerationStateMachine {
    /// The events a Responses stream opens with, written right after its head (before any token,
    /// as OpenAI sends them); nil for the other APIs and non-streamed answers.
    func openingEvents() -> ByteBuffer? {
        guard let responsesEncoder, plan.isStreaming else { return nil }
        var buffer = allocator.buffer(capacity: 4096)
        responsesEncoder.writeOpening(into: &buffer)
        return buffer
    }

    /// The answer's token counts, as `usage` reports them.
    var responsesUsage: ResponsesEventEncoder.Usage {
        ResponsesEventEncoder.Usage(
            promptTokens: plan.promptTokens,
            cachedPromptTokens: plan.cachedPromptTokens,
            completionTokens: truth.completionTokens
        )
    }

    /// The `.done` events and `response.completed` (or `response.incomplete`).
    func closingEvents(_ encoder: ResponsesEventEncoder) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: 4096 + 3 * generatedText.utf8.count)
        encoder.writeClosing(text: generatedText, events: eventsSent, usage: responsesUsage, into: &buffer)
        return buffer
    }

    /// `response.failed`, for the `error_event` fault.
    func failedEvent(_ encoder: ResponsesEventEncoder) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: 4096)
        encoder.writeFailed(events: eventsSent, into: &buffer)
        return buffer
    }
}
