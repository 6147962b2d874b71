import NIOCore
import NIOHTTP1

/// Token events and the endings they lead to.
extension GenerationStateMachine {
    /// Generates the next event's tokens; when streaming, encodes them and takes the timestamp
    /// right before handing the bytes over.
    mutating func emitEvent(_ environment: some GenerationEnvironment) -> Action {
        guard phase == .generating else { return .none }
        let tokens = tokensInNextEvent()
        var text = ""
        for _ in 0..<tokens { text += SimulatedVocabulary.randomTokenText(using: &plan.generator) }
        var event: ByteBuffer?
        if plan.isStreaming {
            let isLast = truth.completionTokens + tokens == plan.completionTokens
            var buffer = allocator.buffer(capacity: 320 + text.utf8.count)
            if eventsSent == 0, plan.kind == .chat { encoder.writeRoleChunk(into: &buffer) }
            let finishReason = isLast && plan.kind == .completion ? plan.finishReason : nil
            let usage =
                plan.includesUsagePerChunk
                ? (promptTokens: plan.promptTokens, completionTokens: truth.completionTokens + tokens) : nil
            encoder.writeTokenEvent(text: text, finishReason: finishReason, usage: usage, into: &buffer)
            let now = environment.nowNanoseconds
            recordLateness(at: now)
            truth.eventNanoseconds.append(now)
            truth.tokensPerEvent.append(tokens)
            event = buffer
        } else {
            recordLateness(at: environment.nowNanoseconds)
            generatedText += text
        }
        eventsSent += 1
        truth.completionTokens += tokens
        let isMalformed = eventsSent == 1 && plan.fault == .malformedChunk && plan.isStreaming
        let malformed = isMalformed ? bytes(StreamChunkEncoder.malformedEvent) : nil
        return .writeEvent(EventWrite(event: event, malformed: malformed))
    }

    /// The fault that ends the request once an event is written, if one is due.
    mutating func faultAfterEvent() -> Ending? {
        if plan.fault == .closeMidStream, truth.completionTokens >= settings.closeAfterTokens {
            return failByClosing()
        }
        if plan.fault == .errorEvent, eventsSent == 1 { return failWithErrorEvent() }
        return nil
    }

    /// Lateness is measured where the event's timestamp is taken: actual − scheduled. An event due
    /// "as soon as possible" (zero delay) is on time by definition and anchors the schedule after it.
    private mutating func recordLateness(at now: UInt64) {
        if isNextEventPaced {
            isNextEventPaced = false
            scheduledNanoseconds = now
        }
        if now > scheduledNanoseconds { truth.lateness = max(truth.lateness, now - scheduledNanoseconds) }
    }

    /// The last token is out: the tail of the stream, or the whole non-streaming response.
    mutating func complete(_ environment: some GenerationEnvironment) -> Ending {
        phase = .finished
        truth.outcome = plan.finishReason
        isHoldingSlot = false
        guard plan.isStreaming else {
            let body: String
            if plan.fault == .malformedChunk {
                body = "{not json"
            } else {
                body = encoder.fullResponse(
                    text: generatedText,
                    finishReason: plan.finishReason,
                    promptTokens: plan.promptTokens,
                    completionTokens: truth.completionTokens
                )
            }
            truth.eventNanoseconds = [environment.nowNanoseconds]
            truth.tokensPerEvent = [truth.completionTokens]
            return .completed(truth, .json(.ok, body: body))
        }
        var buffer = allocator.buffer(capacity: 512)
        if plan.kind == .chat { encoder.writeFinishChunk(reason: plan.finishReason, into: &buffer) }
        if plan.includesUsage {
            encoder.writeUsageChunk(
                promptTokens: plan.promptTokens,
                completionTokens: truth.completionTokens,
                into: &buffer
            )
        }
        buffer.writeString(StreamChunkEncoder.done)
        return .completed(truth, .stream(tail: buffer))
    }

    /// The `errorEvent` fault: an error event and `[DONE]` (or HTTP 500 when not streaming).
    mutating func failWithErrorEvent() -> Ending {
        guard plan.isStreaming else {
            let body = "{\"error\":{\"message\":\"simulated failure\",\"type\":\"server_error\",\"code\":500}}"
            return finishWithFault(.json(.internalServerError, body: body))
        }
        return finishWithFault(.stream(tail: bytes(StreamChunkEncoder.errorEvent + StreamChunkEncoder.done)))
    }

    private func bytes(_ string: String) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: string.utf8.count)
        buffer.writeString(string)
        return buffer
    }
}
