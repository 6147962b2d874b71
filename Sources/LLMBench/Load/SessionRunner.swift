/// Sends the turns of sessions, one turn per call: waits the think time, sends the history and the
/// new user message, and moves the session on with the answer (the server's, or the replayed one).
///
/// A turn that fails ends its session: its record counts the later turns in `turnsNotSent`, and
/// they are neither sent nor recorded. A stop, or the case's duration running out, ends a session
/// before its next turn in the same way, without a record.
struct SessionRunner: Sendable {
    let executor: RequestExecutor
    /// The benchmark run's id, part of every request id.
    let runID: String
    let caseIndex: Int
    let step: Int
    let isOutputLengthForced: Bool
    let plan: SessionPlan
    let stop: StopRequest
    /// Stop starting turns this many seconds after the case's start.
    let durationSeconds: Double?
    /// Tells of each turn as it is sent (its argument: whether it is a warm-up one); nil when nobody listens.
    let announce: (@Sendable (Bool) -> Void)?

    /// What one call did: the turn's record (nil when it was not sent), the connection to reuse and
    /// the session after it.
    struct Outcome: Sendable {
        var record: RequestRecord?
        var connection: HTTPConnection?
        var progress: SessionProgress
    }

    /// Sends the next turn of `progress` on `connection` (or a new one) after its think time.
    func sendNextTurn(of progress: SessionProgress, connection: HTTPConnection?, caseStart: UInt64) async -> Outcome {
        var progress = progress
        let turn = progress.script.turns[progress.nextTurn - 1]
        await think(turn.thinkNanoseconds, caseStart: caseStart)
        guard isOpen(caseStart), !Task.isCancelled else {
            progress.nextTurn = progress.script.turns.count + 1
            return Outcome(record: nil, connection: connection, progress: progress)
        }
        let expected =
            progress.nextTurn == 1
            ? plan.accounting.firstTurnTokens(of: progress.script)
            : plan.accounting.nextTurnTokens(
                previousPrompt: progress.previousPromptTokens,
                answer: progress.previousAnswerTokens,
                user: turn.user.tokens
            )
        let job = RequestJob(
            runID: runID,
            caseIndex: caseIndex,
            step: step,
            run: progress.run,
            index: progress.index,
            inputTokens: expected,
            outputTokens: turn.outputTokens,
            body: progress.history.body(
                sending: turn.user.text,
                factory: executor.factory,
                maxTokens: turn.outputTokens,
                forcesLength: isOutputLengthForced,
                previousResponseID: plan.chainsResponses ? progress.previousResponseID : nil
            ),
            scheduledNanoseconds: progress.nextTurn == 1 ? progress.scheduledNanoseconds : nil,
            isWarmup: progress.isWarmup,
            isOutputLengthForced: isOutputLengthForced,
            sessionPosition: SessionPosition(session: progress.number, turn: progress.nextTurn),
            collectsAnswer: !plan.replaysAnswers && progress.nextTurn < progress.script.turns.count
        )
        announce?(progress.isWarmup)
        var (record, kept, answer) = await executor.runKeepingAnswer(job, connection: connection, caseStart: caseStart)
        if record.isSuccess, plan.chainsResponses, let answer, answer.responseID == nil {
            record.failure = RequestFailure(
                kind: .streamBroken,
                httpStatus: 200,
                message: "the stream named no response id (response.created), so the next turn cannot send "
                    + "previous_response_id; set previous_response_id: false to send the whole history",
                tokenEventsReceived: record.tokenEvents
            )
        }
        if record.isSuccess, let text = turn.replayedAnswer?.text ?? answer?.text {
            progress.history.append(user: turn.user.text, answer: text)
            progress.previousResponseID = answer?.responseID
            progress.previousPromptTokens = record.inputTokensReported ?? expected
            progress.previousAnswerTokens = turn.replayedAnswer?.tokens ?? record.outputTokens
            progress.nextTurn += 1
        } else {
            record.turnsNotSent = progress.script.turns.count - progress.nextTurn
            progress.nextTurn = progress.script.turns.count + 1
        }
        return Outcome(record: record, connection: kept, progress: progress)
    }

    /// Waits `nanoseconds`, in slices of at most a quarter second so that a stop or the end of the
    /// case's duration ends the wait soon.
    private func think(_ nanoseconds: UInt64, caseStart: UInt64) async {
        let end = MonotonicClock.now() &+ nanoseconds
        while isOpen(caseStart), !Task.isCancelled {
            let now = MonotonicClock.now()
            guard now < end else { return }
            try? await Task.sleep(for: .nanoseconds(Int64(min(end - now, 250_000_000))))
        }
    }

    /// Whether a turn may start: no stop was asked and the case's duration has not run out.
    private func isOpen(_ caseStart: UInt64) -> Bool {
        guard !stop.isRequested else { return false }
        guard let durationSeconds else { return true }
        return MonotonicClock.now() < caseStart &+ UInt64(durationSeconds * 1e9)
    }
}
