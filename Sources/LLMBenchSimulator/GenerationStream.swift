import Logging
import NIOCore
import NIOHTTP1

/// One generation request in flight on its connection: waits for a sequence slot, then writes its
/// events on the schedule of the ``LatencyModel``.
///
/// Confined to its channel's event loop. Event `i + 1` is due at event `i`'s *scheduled* time plus the
/// decode steps of its tokens, so a late event does not delay the ones after it; the lateness
/// (actual − scheduled) is recorded. With zero delays events are written back to back while the
/// channel is writable (so the client's reading paces the stream and buffers stay bounded by the
/// channel's write watermark), yielding the event loop every ``burstLimit`` events.
final class GenerationStream: NIOScheduledCallbackHandler {
    private enum Phase {
        case created, delayingHead, queued, generating, finished
    }

    private let context: ChannelHandlerContext
    private let state: SimulatorState
    private var plan: GenerationPlan
    private let encoder: StreamChunkEncoder
    private let truthIndex: Int?
    /// Called once when the stream no longer needs the connection (ended, failed or closed).
    private let onEnd: () -> Void

    /// Zero-delay events written in a row before yielding the event loop.
    private static let burstLimit = 64

    private var phase = Phase.created
    private var isHoldingSlot = false
    private var truth: RequestTruth
    private var scheduledCallback: NIOScheduledCallback?
    /// The ideal time of the pending step (head delay or event), in uptime nanoseconds.
    private var scheduledNanoseconds: UInt64 = 0
    private var isWaitingForWritability = false
    /// Whether the next event is due as soon as the connection takes it rather than at a time.
    private var isNextEventPaced = false
    private var generatedText = ""
    private var eventsSent = 0

    init(
        context: ChannelHandlerContext,
        state: SimulatorState,
        plan: GenerationPlan,
        truthIndex: Int?,
        onEnd: @escaping () -> Void
    ) {
        self.context = context
        self.state = state
        self.plan = plan
        self.encoder = StreamChunkEncoder(plan: plan)
        self.truthIndex = truthIndex
        self.truth = plan.initialTruth
        self.onEnd = onEnd
    }

    private var latency: LatencyModel { state.options.latency }
    private var faults: FaultInjection { state.options.faults }

    // MARK: Life cycle

    /// Starts the request: delays the head if that fault was drawn, else answers and queues.
    func start() {
        guard phase == .created else { return }
        if plan.fault == .slowHeaders {
            phase = .delayingHead
            let delay = UInt64(faults.slowHeadersMilliseconds) * 1_000_000
            schedule(at: NIODeadline.now().uptimeNanoseconds + delay, delay: delay)
        } else {
            beginResponse()
        }
    }

    /// Stops the request because the connection went away.
    func cancel() {
        guard phase != .finished else { return }
        let wasQueued = phase == .queued
        phase = .finished
        scheduledCallback?.cancel()
        scheduledCallback = nil
        truth.outcome = "disconnected"
        commitTruth(completed: false, disconnected: true)
        if wasQueued, state.cancelWaiting(ticket: plan.arrivalIndex) {
            return
        }
        // Either generating, or the slot is being handed over right now: `admitted()` gives it back.
        releaseSlot()
    }

    func handleScheduledCallback(eventLoop: some EventLoop) {
        scheduledCallback = nil
        switch phase {
        case .delayingHead: beginResponse()
        case .generating: runEvents()
        case .created, .queued, .finished: break
        }
    }

    private func beginResponse() {
        if plan.isStreaming {
            var headers = HTTPHeaders()
            headers.add(name: "content-type", value: "text/event-stream")
            headers.add(name: "cache-control", value: "no-cache")
            headers.add(name: "x-request-id", value: plan.requestID)
            if plan.httpVersion.minor >= 1 { headers.add(name: "transfer-encoding", value: "chunked") }
            if !plan.isKeepAlive { headers.add(name: "connection", value: "close") }
            let head = HTTPResponseHead(version: plan.httpVersion, status: .ok, headers: headers)
            context.writeAndFlush(SimulatorHTTPHandler.wrapOutboundOut(.head(head)), promise: nil)
        }
        if plan.fault == .closeMidStream, faults.closeAfterTokens == 0 {
            failByClosing()
            return
        }
        phase = .queued
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        let waiter = SimulatorState.AdmissionWaiter(
            ticket: plan.arrivalIndex,
            eventLoop: context.eventLoop,
            admit: { bound.value.admitted() }
        )
        if state.requestAdmission(waiter) {
            admitted()
        }
    }

    /// Runs once this request holds a sequence slot.
    private func admitted() {
        isHoldingSlot = true
        guard phase == .queued else {
            releaseSlot()
            return
        }
        phase = .generating
        let tokens = tokensInNextEvent()
        var delay = latency.timeToFirstTokenNanoseconds(promptTokens: plan.promptTokens, using: &plan.generator)
        delay += decodeSteps(tokens - 1)
        schedule(at: NIODeadline.now().uptimeNanoseconds + delay, delay: delay)
    }

    // MARK: Events

    /// Writes events while they are due now: a zero-delay stream writes up to ``burstLimit`` events
    /// in a row while the channel is writable, flushing them together (as a server that is ahead of
    /// its client does), then yields the event loop; it waits for writability when the client does
    /// not keep up. A paced event is flushed on its own, at once.
    private func runEvents() {
        var burst = 0
        while let delay = emitEvent() {
            let deadline = scheduledNanoseconds + delay
            guard delay == 0 else {
                context.flush()
                schedule(at: deadline, delay: delay)
                return
            }
            isNextEventPaced = true
            if plan.isStreaming, !context.channel.isWritable {
                context.flush()
                isWaitingForWritability = true
                return
            }
            burst += 1
            if burst == Self.burstLimit {
                context.flush()
                schedule(at: deadline, delay: 0)
                return
            }
        }
    }

    /// Resumes a zero-delay stream that waited for the client to read.
    func channelWritabilityChanged() {
        guard isWaitingForWritability, context.channel.isWritable else { return }
        isWaitingForWritability = false
        runEvents()
    }

    /// Writes the next event; returns the delay until the one after, or `nil` when the stream is over.
    private func emitEvent() -> UInt64? {
        guard phase == .generating else { return nil }

        let tokens = tokensInNextEvent()
        var text = ""
        for _ in 0..<tokens { text += SimulatedVocabulary.randomTokenText(using: &plan.generator) }
        let isLast = truth.completionTokens + tokens == plan.completionTokens
        if plan.isStreaming {
            var buffer = context.channel.allocator.buffer(capacity: 320 + text.utf8.count)
            if eventsSent == 0, plan.kind == .chat { encoder.writeRoleChunk(into: &buffer) }
            let finishReason = isLast && plan.kind == .completion ? plan.finishReason : nil
            let usage =
                plan.includesUsagePerChunk
                ? (promptTokens: plan.promptTokens, completionTokens: truth.completionTokens + tokens) : nil
            encoder.writeTokenEvent(text: text, finishReason: finishReason, usage: usage, into: &buffer)
            let now = NIODeadline.now().uptimeNanoseconds
            recordLateness(at: now)
            truth.eventNanoseconds.append(now)
            truth.tokensPerEvent.append(tokens)
            context.write(SimulatorHTTPHandler.wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        } else {
            recordLateness(at: NIODeadline.now().uptimeNanoseconds)
            generatedText += text
        }
        eventsSent += 1
        truth.completionTokens += tokens

        var extraDelay: UInt64 = 0
        if plan.fault == .closeMidStream, truth.completionTokens >= faults.closeAfterTokens {
            failByClosing()
            return nil
        }
        if eventsSent == 1 {
            switch plan.fault {
            case .errorEvent:
                failWithErrorEvent()
                return nil
            case .malformedChunk where plan.isStreaming:
                writeString(StreamChunkEncoder.malformedEvent)
            case .stall:
                extraDelay = UInt64(faults.stallMilliseconds) * 1_000_000
            default:
                break
            }
        }
        if isLast {
            complete()
            return nil
        }
        return decodeSteps(tokensInNextEvent()) + extraDelay
    }

    /// Lateness is measured where the event's timestamp is taken: actual − scheduled. An event due
    /// "as soon as possible" (zero delay) is on time by definition and anchors the schedule after it.
    private func recordLateness(at now: UInt64) {
        if isNextEventPaced {
            isNextEventPaced = false
            scheduledNanoseconds = now
        }
        if now > scheduledNanoseconds { truth.lateness = max(truth.lateness, now - scheduledNanoseconds) }
    }

    private func tokensInNextEvent() -> Int {
        min(state.options.tokensPerEvent, plan.completionTokens - truth.completionTokens)
    }

    /// `count` decode steps, each computed with the number of sequences active now.
    private func decodeSteps(_ count: Int) -> UInt64 {
        guard count > 0 else { return 0 }
        let active = state.activeSequences
        var total: UInt64 = 0
        for _ in 0..<count {
            total += latency.decodeStepNanoseconds(activeSequences: active, using: &plan.generator)
        }
        return total
    }

    /// Runs the next step at `deadline` with a scheduled callback, or after a hop through the event
    /// loop when `delay` is zero (so other connections get their turn).
    private func schedule(at deadline: UInt64, delay: UInt64) {
        scheduledNanoseconds = deadline
        let loop = context.eventLoop.assumeIsolated()
        if delay == 0 {
            isNextEventPaced = true
            loop.execute { self.handleScheduledCallback(eventLoop: loop.nonisolated()) }
            return
        }
        do {
            scheduledCallback = try loop.scheduleCallback(at: .uptimeNanoseconds(deadline), handler: self)
        } catch {
            // The event loop is shutting down; the channel closes with it and `cancel()` cleans up.
            state.logger.debug("simulator could not schedule an event", metadata: ["error": "\(error)"])
        }
    }

    // MARK: Endings

    /// The last token is out: frees the slot, writes the tail and ends the response.
    private func complete() {
        phase = .finished
        truth.outcome = plan.finishReason
        releaseSlot()
        if plan.isStreaming {
            var buffer = context.channel.allocator.buffer(capacity: 512)
            if plan.kind == .chat { encoder.writeFinishChunk(reason: plan.finishReason, into: &buffer) }
            if plan.includesUsage {
                encoder.writeUsageChunk(
                    promptTokens: plan.promptTokens,
                    completionTokens: truth.completionTokens,
                    into: &buffer
                )
            }
            buffer.writeString(StreamChunkEncoder.done)
            commitTruth(completed: true, disconnected: false)
            context.write(SimulatorHTTPHandler.wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            endResponse()
        } else {
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
            truth.eventNanoseconds = [NIODeadline.now().uptimeNanoseconds]
            truth.tokensPerEvent = [truth.completionTokens]
            commitTruth(completed: true, disconnected: false)
            writeJSONResponse(status: .ok, body: body)
        }
    }

    /// The `closeMidStream` fault: drop the connection without finishing the response.
    private func failByClosing() {
        phase = .finished
        truth.outcome = "fault"
        commitTruth(completed: false, disconnected: false)
        releaseSlot()
        onEnd()
        context.flush()
        context.close(promise: nil)
    }

    /// The `errorEvent` fault: an error event and `[DONE]` (or HTTP 500 when not streaming).
    private func failWithErrorEvent() {
        phase = .finished
        truth.outcome = "fault"
        commitTruth(completed: false, disconnected: false)
        releaseSlot()
        if plan.isStreaming {
            writeString(StreamChunkEncoder.errorEvent + StreamChunkEncoder.done)
            endResponse()
        } else {
            let body = "{\"error\":{\"message\":\"simulated failure\",\"type\":\"server_error\",\"code\":500}}"
            writeJSONResponse(status: .internalServerError, body: body)
        }
    }

    private func writeJSONResponse(status: HTTPResponseStatus, body: String) {
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "content-length", value: "\(body.utf8.count)")
        headers.add(name: "x-request-id", value: plan.requestID)
        if !plan.isKeepAlive { headers.add(name: "connection", value: "close") }
        let head = HTTPResponseHead(version: plan.httpVersion, status: status, headers: headers)
        context.write(SimulatorHTTPHandler.wrapOutboundOut(.head(head)), promise: nil)
        var buffer = context.channel.allocator.buffer(capacity: body.utf8.count)
        buffer.writeString(body)
        context.write(SimulatorHTTPHandler.wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        endResponse()
    }

    private func writeString(_ string: String) {
        var buffer = context.channel.allocator.buffer(capacity: string.utf8.count)
        buffer.writeString(string)
        context.writeAndFlush(SimulatorHTTPHandler.wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
    }

    /// Writes the end of the response and hands the connection back (closing it without keep-alive).
    private func endResponse() {
        let context = self.context
        let isKeepAlive = plan.isKeepAlive
        onEnd()
        context.writeAndFlush(SimulatorHTTPHandler.wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            if !isKeepAlive { context.close(promise: nil) }
        }
    }

    private func releaseSlot() {
        guard isHoldingSlot else { return }
        isHoldingSlot = false
        state.releaseSequence()
    }

    private func commitTruth(completed: Bool, disconnected: Bool) {
        state.updateTruth(at: truthIndex, truth)
        state.recordOutcome(
            completed: completed,
            disconnected: disconnected,
            tokens: truth.completionTokens,
            lateness: truth.lateness
        )
    }
}
