import NIOCore
import NIOHTTP1

/// Token events and the endings they lead to.
extension GenerationStateMachine {
    /// Generates the next event's tokens; when streaming, encodes them and takes the timestamp
    /// right before handing the bytes over.
    mutating func emitEvent(_ environment: some GenerationEnvironment) -> Action {
        guard phase == .generating else { return .none }
        let tokens = tokensInNextEvent()
        let isLast = truth.completionTokens + tokens == plan.completionTokens
        var text = ""
        for index in 0..<tokens {
            let word = SimulatedVocabulary.randomTokenIndex(using: &plan.generator)
            text += SimulatedVocabulary.tokenTexts[word]
            // The last token's KV is never computed (it is not fed back), so it joins no block.
            if plan.promptBlocks != nil, !(isLast && index == tokens - 1) {
                appendGeneratedToken(SimulatedVocabulary.tokenIDs[word], position: truth.completionTokens + index)
            }
        }
        let previous = truth.lastTokenNanoseconds
        var event: ByteBuffer?
        let now: UInt64
        if plan.isStreaming {
            var buffer = allocator.buffer(capacity: 320 + text.utf8.count)
            if let responses = responsesEncoder {
                generatedText += text
                responses.writeDelta(text, index: eventsSent, into: &buffer)
                now = environment.nowNanoseconds
            } else {
                now = writeChunk(text: text, tokens: tokens, isLast: isLast, environment, into: &buffer)
            }
            truth.eventNanoseconds.append(now)
            truth.tokensPerEvent.append(tokens)
            event = buffer
        } else {
            now = environment.nowNanoseconds
            generatedText += text
        }
        recordLateness(at: now)
        if truth.firstTokenNanoseconds == nil { truth.firstTokenNanoseconds = now }
        truth.lastTokenNanoseconds = now
        eventsSent += 1
        truth.completionTokens += tokens
        let isMalformed = eventsSent == 1 && plan.fault == .malformedChunk && plan.isStreaming
        let malformed = isMalformed ? bytes(StreamChunkEncoder.malformedEvent) : nil
        let generated = GeneratedTokens(count: tokens, nanoseconds: now, previousNanoseconds: previous)
        return .writeEvent(EventWrite(event: event, malformed: malformed, generated: generated))
    }

    /// Adds the generated token at `position` of the answer to the request's blocks, keyed as the
    /// assistant message (chat) or the continuation of the prompt's text (completion) that a next
    /// turn sends back.
    private mutating func appendGeneratedToken(_ id: Int, position: Int) {
        let key: UInt64
        switch plan.kind {
        case .completion: key = PrefixBlockChain.key(tokenID: id)
        case .chat, .responses:
            key = PrefixBlockChain.key(tokenID: id, role: .assistant, startsMessage: position == 0)
        }
        plan.promptBlocks?.append(key)
    }

    /// Writes a completions or chat chunk of `text` (`tokens` tokens, the last ones when `isLast`);
    /// returns the event's timestamp.
    private func writeChunk(
        text: String,
        tokens: Int,
        isLast: Bool,
        _ environment: some GenerationEnvironment,
        into buffer: inout ByteBuffer
    ) -> UInt64 {
        let now: UInt64
        if eventsSent == 0, plan.kind == .chat { encoder.writeRoleChunk(into: &buffer) }
        let finishReason = isLast && plan.kind == .completion ? plan.finishReason : nil
        let usage =
            plan.includesUsagePerChunk
            ? (
                promptTokens: plan.promptTokens,
                cachedTokens: plan.cachedPromptTokens,
                completionTokens: truth.completionTokens + tokens
            ) : nil
        if isLast, carriesTimingsInLastEvent {
            // This event is the stream's last chunk, so it carries the timings: its time comes first.
            now = environment.nowNanoseconds
            var timed = truth
            timed.completionTokens += tokens
            timed.firstTokenNanoseconds = truth.firstTokenNanoseconds ?? now
            let timings = ServerTimings(timed, lastTokenNanoseconds: now)
            encoder.writeTokenEvent(
                text: text,
                finishReason: finishReason,
                usage: usage,
                timings: timings,
                into: &buffer
            )
        } else {
            encoder.writeTokenEvent(text: text, finishReason: finishReason, usage: usage, into: &buffer)
            now = environment.nowNanoseconds
        }
        return now
    }

    /// Whether the timings go in the last token event: a completion stream has no chunk after it
    /// unless usage is sent.
    private var carriesTimingsInLastEvent: Bool {
        settings.serverTimings && plan.kind == .completion && !plan.includesUsage
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
        truth.endedNanoseconds = truth.lastTokenNanoseconds
        isHoldingSlot = false
        let timings =
            settings.serverTimings ? ServerTimings(truth, lastTokenNanoseconds: truth.lastTokenNanoseconds ?? 0) : nil
        guard plan.isStreaming else {
            let body: String
            if plan.fault == .malformedChunk {
                body = "{not json"
            } else if let responses = responsesEncoder {
                body = responses.finalResponse(text: generatedText, usage: responsesUsage)
            } else {
                body = encoder.fullResponse(
                    text: generatedText,
                    finishReason: plan.finishReason,
                    promptTokens: plan.promptTokens,
                    cachedTokens: plan.cachedPromptTokens,
                    completionTokens: truth.completionTokens,
                    timings: timings
                )
            }
            truth.eventNanoseconds = [environment.nowNanoseconds]
            truth.tokensPerEvent = [truth.completionTokens]
            return .completed(truth, .json(.ok, body: body))
        }
        if let responses = responsesEncoder { return .completed(truth, .stream(tail: closingEvents(responses))) }
        var buffer = allocator.buffer(capacity: 512)
        if plan.kind == .chat {
            encoder.writeFinishChunk(
                reason: plan.finishReason,
                timings: plan.includesUsage ? nil : timings,
                into: &buffer
            )
        }
        if plan.includesUsage {
            encoder.writeUsageChunk(
                promptTokens: plan.promptTokens,
                cachedTokens: plan.cachedPromptTokens,
                completionTokens: truth.completionTokens,
                timings: timings,
                into: &buffer
            )
        }
        buffer.writeString(StreamChunkEncoder.done)
        return .completed(truth, .stream(tail: buffer))
    }

    /// The `errorEvent` fault: an error event and `[DONE]` (`response.failed` on the Responses API),
    /// or HTTP 500 when not streaming.
    mutating func failWithErrorEvent() -> Ending {
        guard plan.isStreaming else {
            let body = "{\"error\":{\"message\":\"simulated failure\",\"type\":\"server_error\",\"code\":500}}"
            return finishWithFault(.json(.internalServerError, body: body))
        }
        if let responses = responsesEncoder { return finishWithFault(.stream(tail: failedEvent(responses))) }
        return finishWithFault(.stream(tail: bytes(StreamChunkEncoder.errorEvent + StreamChunkEncoder.done)))
    }

    private func bytes(_ string: String) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: string.utf8.count)
        buffer.writeString(string)
        return buffer
    }
}
