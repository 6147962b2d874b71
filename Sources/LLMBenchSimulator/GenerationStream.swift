import Logging
import NIOCore
import NIOHTTP1

/// Carries out a ``GenerationStateMachine``'s actions on one connection: writes, timers, the
/// admission queue and the truth log. All decisions are the machine's.
///
/// Why a classic NIO handler and not `NIOAsyncChannel` (STYLE.md's default for business logic):
/// every token event is a timer on the event loop (`NIOScheduledCallback`), written the moment it
/// fires, and a zero-delay stream writes bursts paced by `channelWritabilityChanged`. Crossing into
/// async code per event would cost a task switch per token, and its scheduling delay would show up
/// as the simulator's own lateness. So the per-request state stays on the channel's
/// event loop: this driver is confined to it, and crosses no thread but through ``SimulatorState``.
final class GenerationStream: NIOScheduledCallbackHandler, GenerationEnvironment {
    private let context: ChannelHandlerContext
    private let state: SimulatorState
    private let writer: ResponseWriter
    private let truthIndex: Int?
    private let ticket: UInt64
    private let promptTokens: Int
    private let receivedNanoseconds: UInt64
    /// Called once when the stream no longer needs the connection (ended, failed or closed).
    private let onEnd: () -> Void

    private var machine: GenerationStateMachine
    private var scheduledCallback: NIOScheduledCallback?

    init(
        context: ChannelHandlerContext,
        state: SimulatorState,
        plan: GenerationPlan,
        truthIndex: Int?,
        onEnd: @escaping () -> Void
    ) {
        self.context = context
        self.state = state
        self.writer = ResponseWriter(context: context, version: plan.httpVersion, isKeepAlive: plan.isKeepAlive)
        self.truthIndex = truthIndex
        self.ticket = plan.arrivalIndex
        self.promptTokens = plan.promptTokens
        self.receivedNanoseconds = plan.receivedNanoseconds
        self.onEnd = onEnd
        self.machine = GenerationStateMachine(
            plan: plan,
            settings: GenerationStateMachine.Settings(options: state.options),
            allocator: context.channel.allocator
        )
    }

    // MARK: Environment

    var nowNanoseconds: UInt64 { NIODeadline.now().uptimeNanoseconds }
    var activeSequences: Int { state.activeSequences }
    var isWritable: Bool { context.channel.isWritable }

    // MARK: Events in

    /// Starts the request.
    func start() {
        perform(machine.start(self))
    }

    /// Stops the request because the connection went away.
    func cancel() {
        perform(machine.cancel())
    }

    func handleScheduledCallback(eventLoop: some EventLoop) {
        scheduledCallback = nil
        perform(machine.timerFired(self))
    }

    /// Resumes a zero-delay stream that waited for the client to read.
    func channelWritabilityChanged() {
        perform(machine.writable(self))
    }

    private func admitted() {
        perform(takeSlot())
    }

    /// Hands the slot to the machine; a request that starts generating looks its prompt up in the
    /// prefix cache and takes its prompt's KV.
    private func takeSlot() -> GenerationStateMachine.Action {
        guard machine.phase == .queued else { return machine.admitted(self) }
        let cached = state.admitPrefix(machine.plan.promptBlocks, promptTokens: promptTokens)
        let action = machine.admitted(self, cachedPromptTokens: cached)
        state.recordAdmission(promptTokens: promptTokens, cachedTokens: cached)
        return action
    }

    // MARK: Actions out

    /// Carries out `action` and the ones the machine answers with, until it waits for an event.
    private func perform(_ action: GenerationStateMachine.Action) {
        var action = action
        while true {
            switch action {
            case .none:
                return
            case .schedule(let timer, let flush):
                if flush { context.flush() }
                schedule(timer)
                return
            case .flushAndWaitForWritability:
                context.flush()
                return
            case .openResponse(let writeHead, let then):
                if writeHead {
                    writer.writeStreamHead(requestID: machine.plan.requestID)
                    if let opening = machine.openingEvents() { writer.writeBody(opening, flush: true) }
                }
                switch then {
                case .requestAdmission:
                    guard requestAdmission() else { return }
                    action = takeSlot()
                case .end(let ending):
                    end(ending)
                    return
                }
            case .writeEvent(let write):
                if let event = write.event { writer.writeBody(event) }
                if let malformed = write.malformed { writer.writeBody(malformed, flush: true) }
                if let generated = write.generated {
                    state.recordTokens(generated, promptTokens: promptTokens, receivedNanoseconds: receivedNanoseconds)
                }
                action = machine.eventWritten(self)
            case .end(let ending):
                end(ending)
                return
            case .releaseSlot:
                state.releaseSequence()
                return
            }
        }
    }

    /// Takes a slot now (`true`) or queues for one, to be `admitted()` on this loop later.
    private func requestAdmission() -> Bool {
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        let waiter = SimulatorState.AdmissionWaiter(
            ticket: ticket,
            eventLoop: context.eventLoop,
            admit: { bound.value.admitted() }
        )
        return state.requestAdmission(waiter)
    }

    private func schedule(_ timer: GenerationStateMachine.Timer) {
        let loop = context.eventLoop.assumeIsolated()
        switch timer {
        case .nextLoopTurn:
            loop.execute { self.handleScheduledCallback(eventLoop: loop.nonisolated()) }
        case .at(let deadline):
            do {
                scheduledCallback = try loop.scheduleCallback(at: .uptimeNanoseconds(deadline), handler: self)
            } catch {
                // The event loop is shutting down; the channel closes with it and `cancel()` cleans up.
                state.logger.debug("simulator could not schedule an event", metadata: ["error": "\(error)"])
            }
        }
    }

    private func end(_ ending: GenerationStateMachine.Ending) {
        switch ending {
        case .completed(let truth, let response):
            state.releaseSequence()
            storeResponse()
            record(truth, completed: true)
            respond(response)
        case .faulted(let truth, let releasesSlot, let response):
            record(truth)
            if releasesSlot { state.releaseSequence() }
            respond(response)
        case .disconnected(let truth, let slot):
            scheduledCallback?.cancel()
            scheduledCallback = nil
            // The slot or queue place goes first: a waiter on the disconnect count sees it gone.
            switch slot {
            case .none: break
            case .release: state.releaseSequence()
            case .leaveQueue: _ = state.cancelWaiting(ticket: ticket)
            }
            record(truth, disconnected: true)
        }
    }

    /// Hands the connection back, then writes the rest of the response.
    private func respond(_ response: GenerationStateMachine.Response) {
        onEnd()
        switch response {
        case .stream(let tail):
            writer.writeBody(tail)
            writer.end()
        case .json(let status, let body):
            writer.writeJSON(status: status, body: body, extraHeaders: [("x-request-id", machine.plan.requestID)])
        case .close:
            context.flush()
            context.close(promise: nil)
        }
    }

    /// Keeps a finished Responses answer for a later `previous_response_id`, before the client can
    /// read its end: its conversation's tokens, the output counted as a next prompt counts it.
    private func storeResponse() {
        let plan = machine.plan
        guard let inputTokens = plan.storedInputTokens else { return }
        let outputTokens = state.tokenizer.count(machine.generatedText)
        state.responseStore.save(id: plan.responseID, tokens: inputTokens + outputTokens)
    }

    private func record(_ truth: RequestTruth, completed: Bool = false, disconnected: Bool = false) {
        var truth = truth
        if truth.endedNanoseconds == nil { truth.endedNanoseconds = nowNanoseconds }
        state.updateTruth(at: truthIndex, truth)
        if truth.admittedNanoseconds != nil { state.releasePrefix(machine.plan.promptBlocks) }
        state.recordEnd(truth)
        state.recordOutcome(
            completed: completed,
            disconnected: disconnected,
            tokens: truth.completionTokens,
            lateness: truth.lateness
        )
    }
}
