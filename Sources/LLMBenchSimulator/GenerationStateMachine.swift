import NIOCore

/// The life of one generation request, as a value: events come in (``start(_:)``,
/// ``admitted(_:)``, ``timerFired(_:)``, ``eventWritten(_:)``, ``writable(_:)``, ``cancel()``) and
/// ``Action``s go out, for ``GenerationStream`` to carry out on the channel. It holds no channel,
/// clock or lock: time, load and writability come from a ``GenerationEnvironment``.
///
/// The request waits for a sequence slot, then its events follow the ``LatencyModel``. Event
/// `i + 1` is due at event `i`'s *scheduled* time plus the decode steps of its tokens, so a late
/// event does not delay the ones after it; the lateness (actual − scheduled) is recorded. With zero
/// delays events are written back to back while the channel is writable (so the client's reading
/// paces the stream and buffers stay bounded by the write watermark), yielding the event loop every
/// ``burstLimit`` events.
struct GenerationStateMachine {
    /// What the server's options fix for every request.
    struct Settings: Equatable {
        var latency: LatencyModel
        var tokensPerEvent: Int
        var closeAfterTokens: Int
        var stallNanoseconds: UInt64
        var slowHeadersNanoseconds: UInt64
        /// Whether answers carry llama.cpp's `timings`.
        var serverTimings: Bool

        init(options: SimulatorOptions) {
            latency = options.latency
            tokensPerEvent = options.tokensPerEvent
            closeAfterTokens = options.faults.closeAfterTokens
            stallNanoseconds = UInt64(options.faults.stallMilliseconds) * 1_000_000
            slowHeadersNanoseconds = UInt64(options.faults.slowHeadersMilliseconds) * 1_000_000
            serverTimings = options.serverTimings
        }
    }

    enum Phase: Equatable {
        case created, delayingHead, queued, generating, finished
    }

    /// Zero-delay events written in a row before yielding the event loop.
    static let burstLimit = 64

    let settings: Settings
    var plan: GenerationPlan
    let encoder: StreamChunkEncoder
    /// The events of a Responses API answer; nil for the other APIs.
    let responsesEncoder: ResponsesEventEncoder?
    let allocator: ByteBufferAllocator

    var phase = Phase.created
    var isHoldingSlot = false
    /// The record so far; committed by the ``Ending``.
    var truth: RequestTruth
    /// The ideal time of the pending step (head delay or event), in uptime nanoseconds.
    var scheduledNanoseconds: UInt64 = 0
    var isWaitingForWritability = false
    /// Whether the next event is due as soon as the connection takes it rather than at a time.
    var isNextEventPaced = false
    /// The text of a non-streaming response (or any Responses API answer) so far.
    var generatedText = ""
    var eventsSent = 0
    /// Zero-delay events written since the event loop was last yielded.
    var burst = 0

    init(plan: GenerationPlan, settings: Settings, allocator: ByteBufferAllocator) {
        self.plan = plan
        self.settings = settings
        self.encoder = StreamChunkEncoder(plan: plan)
        self.responsesEncoder = plan.kind == .responses ? ResponsesEventEncoder(plan: plan) : nil
        self.allocator = allocator
        self.truth = plan.initialTruth
    }

    // MARK: Events

    /// The request is planned: delay the head if that fault was drawn, else answer and queue.
    mutating func start(_ environment: some GenerationEnvironment) -> Action {
        guard phase == .created else { return .none }
        guard plan.fault == .slowHeaders else { return beginResponse() }
        phase = .delayingHead
        let delay = settings.slowHeadersNanoseconds
        return .schedule(schedule(at: environment.nowNanoseconds + delay, delay: delay), flush: false)
    }

    /// The request holds a sequence slot now, `cachedPromptTokens` of its prompt found in the
    /// prefix cache: only the others are prefilled.
    mutating func admitted(_ environment: some GenerationEnvironment, cachedPromptTokens: Int = 0) -> Action {
        isHoldingSlot = true
        guard phase == .queued else {
            isHoldingSlot = false
            return .releaseSlot
        }
        phase = .generating
        truth.admittedNanoseconds = environment.nowNanoseconds
        plan.cachedPromptTokens = cachedPromptTokens
        truth.cachedTokens = cachedPromptTokens
        let tokens = tokensInNextEvent()
        var delay = settings.latency.timeToFirstTokenNanoseconds(
            promptTokens: plan.promptTokens,
            cachedPromptTokens: cachedPromptTokens,
            using: &plan.generator
        )
        delay += decodeSteps(tokens - 1, environment)
        return .schedule(schedule(at: environment.nowNanoseconds + delay, delay: delay), flush: false)
    }

    /// The scheduled time came: send the delayed head, or the next event.
    mutating func timerFired(_ environment: some GenerationEnvironment) -> Action {
        switch phase {
        case .delayingHead: return beginResponse()
        case .generating:
            burst = 0
            return emitEvent(environment)
        case .created, .queued, .finished: return .none
        }
    }

    /// The channel's writability changed: resume a zero-delay stream that waited for the client.
    mutating func writable(_ environment: some GenerationEnvironment) -> Action {
        guard isWaitingForWritability, environment.isWritable else { return .none }
        isWaitingForWritability = false
        burst = 0
        return emitEvent(environment)
    }

    /// The driver wrote an event: end the request after its last token or a fault, else schedule
    /// the next event, or write it at once when it is due now and the channel takes it (flushing
    /// at the end of a burst).
    mutating func eventWritten(_ environment: some GenerationEnvironment) -> Action {
        guard phase == .generating else { return .none }
        if let ending = faultAfterEvent() { return .end(ending) }
        if truth.completionTokens == plan.completionTokens { return .end(complete(environment)) }
        let stall = eventsSent == 1 && plan.fault == .stall ? settings.stallNanoseconds : 0
        let delay = decodeSteps(tokensInNextEvent(), environment) + stall
        let deadline = scheduledNanoseconds + delay
        guard delay == 0 else { return .schedule(schedule(at: deadline, delay: delay), flush: true) }
        isNextEventPaced = true
        if plan.isStreaming, !environment.isWritable {
            isWaitingForWritability = true
            return .flushAndWaitForWritability
        }
        burst += 1
        if burst == Self.burstLimit { return .schedule(schedule(at: deadline, delay: 0), flush: true) }
        return emitEvent(environment)
    }

    /// The connection went away.
    mutating func cancel() -> Action {
        guard phase != .finished else { return .none }
        let wasQueued = phase == .queued
        phase = .finished
        truth.outcome = "disconnected"
        let slot: Slot = wasQueued ? .leaveQueue : isHoldingSlot ? .release : .none
        isHoldingSlot = false
        return .end(.disconnected(truth, slot))
    }

    // MARK: Steps

    private mutating func beginResponse() -> Action {
        if plan.fault == .closeMidStream, settings.closeAfterTokens == 0 {
            return .openResponse(writeHead: plan.isStreaming, then: .end(failByClosing()))
        }
        phase = .queued
        return .openResponse(writeHead: plan.isStreaming, then: .requestAdmission)
    }

    /// The timer for the next step at `deadline`, or the loop's next turn when `delay` is zero (so
    /// other connections get theirs).
    private mutating func schedule(at deadline: UInt64, delay: UInt64) -> Timer {
        scheduledNanoseconds = deadline
        guard delay > 0 else {
            isNextEventPaced = true
            return .nextLoopTurn
        }
        return .at(uptimeNanoseconds: deadline)
    }

    func tokensInNextEvent() -> Int {
        min(settings.tokensPerEvent, plan.completionTokens - truth.completionTokens)
    }

    /// `count` decode steps, each computed with the number of sequences active now.
    mutating func decodeSteps(_ count: Int, _ environment: some GenerationEnvironment) -> UInt64 {
        guard count > 0 else { return 0 }
        let active = environment.activeSequences
        var total: UInt64 = 0
        for _ in 0..<count {
            total += settings.latency.decodeStepNanoseconds(activeSequences: active, using: &plan.generator)
        }
        return total
    }

    /// Ends the request as a fault, its truth recorded as such.
    mutating func finishWithFault(_ response: Response) -> Ending {
        phase = .finished
        truth.outcome = "fault"
        let releasesSlot = isHoldingSlot
        isHoldingSlot = false
        return .faulted(truth, releasesSlot: releasesSlot, response)
    }

    /// The `closeMidStream` fault: drop the connection without finishing the response.
    mutating func failByClosing() -> Ending {
        finishWithFault(.close)
    }
}
