import NIOCore
import NIOHTTP1
import Testing

@testable import LLMBenchSimulator

/// The generation state machine alone: events in, actions out, on a clock the test sets.
struct GenerationStateMachineTests {
    @Test func aStreamRunsFromItsHeadToItsTailOnTheModelsSchedule() throws {
        var machine = GenerationStateMachine.testing(tokens: 3)
        var environment = TestEnvironment()
        let start = environment.nowNanoseconds
        #expect(machine.start(environment) == .openResponse(writeHead: true, then: .requestAdmission))
        #expect(machine.admitted(environment) == .schedule(.at(uptimeNanoseconds: start + ms(10)), flush: false))

        var deadlines: [UInt64] = []
        for step in 0..<3 {
            environment.nowNanoseconds = start + ms(10) + ms(2) * UInt64(step)
            deadlines.append(environment.nowNanoseconds)
            let action = machine.timerFired(environment)
            let write = try #require(action.eventWrite)
            #expect(try #require(write.event).text.contains("\"text\":"))
            #expect(write.malformed == nil)
            let next = machine.eventWritten(environment)
            if step < 2 {
                #expect(next == .schedule(.at(uptimeNanoseconds: environment.nowNanoseconds + ms(2)), flush: true))
            } else {
                guard case .completed(let truth, .stream(let tail)) = try #require(next.ending) else {
                    Issue.record("expected a completed stream, got \(next)")
                    return
                }
                #expect(truth.eventNanoseconds == deadlines)
                #expect(truth.tokensPerEvent == [1, 1, 1])
                #expect(truth.completionTokens == 3)
                #expect(truth.outcome == "length")
                #expect(truth.lateness == 0)
                #expect(tail.text.hasSuffix("data: [DONE]\n\n"))
                #expect(tail.text.contains("\"completion_tokens\":3"))
            }
        }
        #expect(machine.timerFired(environment) == .none)
        #expect(machine.cancel() == .none)
    }

    @Test func aLateEventIsRecordedAndDoesNotDelayTheOnesAfterIt() throws {
        var machine = GenerationStateMachine.testing(tokens: 2)
        var environment = TestEnvironment()
        let first = environment.nowNanoseconds + ms(10)
        _ = machine.startAndAdmit(environment)
        environment.nowNanoseconds = first + 700
        _ = try #require(machine.timerFired(environment).eventWrite)
        #expect(machine.eventWritten(environment) == .schedule(.at(uptimeNanoseconds: first + ms(2)), flush: true))
        environment.nowNanoseconds = first + ms(2)
        _ = try #require(machine.timerFired(environment).eventWrite)
        let truth = try #require(machine.eventWritten(environment).ending).truth
        #expect(truth.lateness == 700)
        #expect(truth.eventNanoseconds == [first + 700, first + ms(2)])
    }

    @Test func decodeStepsSlowDownWithTheSequencesActiveAtThatStep() throws {
        var machine = GenerationStateMachine.testing(tokens: 2) {
            $0.latency.interTokenMillisecondsPerActiveSequence = 1
        }
        var environment = TestEnvironment(activeSequences: 3)
        _ = machine.startAndAdmit(environment)
        environment.nowNanoseconds += ms(10)
        _ = try #require(machine.timerFired(environment).eventWrite)
        #expect(
            machine.eventWritten(environment)
                == .schedule(.at(uptimeNanoseconds: environment.nowNanoseconds + ms(4)), flush: true)
        )
    }

    @Test func eventsPackTokensAndWaitForTheDecodeStepsOfTheirTokens() throws {
        var machine = GenerationStateMachine.testing(tokens: 5) { $0.tokensPerEvent = 2 }
        var environment = TestEnvironment()
        let start = environment.nowNanoseconds
        #expect(machine.startAndAdmit(environment) == .schedule(.at(uptimeNanoseconds: start + ms(12)), flush: false))
        environment.nowNanoseconds = start + ms(12)
        _ = try #require(machine.timerFired(environment).eventWrite)
        #expect(machine.eventWritten(environment) == .schedule(.at(uptimeNanoseconds: start + ms(16)), flush: true))
        environment.nowNanoseconds = start + ms(16)
        _ = try #require(machine.timerFired(environment).eventWrite)
        #expect(machine.eventWritten(environment) == .schedule(.at(uptimeNanoseconds: start + ms(18)), flush: true))
        environment.nowNanoseconds = start + ms(18)
        _ = try #require(machine.timerFired(environment).eventWrite)
        #expect(try #require(machine.eventWritten(environment).ending).truth.tokensPerEvent == [2, 2, 1])
    }

    @Test func aChatStreamOpensWithTheRoleAndClosesWithTheFinishReason() throws {
        var machine = GenerationStateMachine.testing(tokens: 1, kind: .chat)
        let environment = TestEnvironment()
        _ = machine.startAndAdmit(environment)
        let event = try #require(machine.timerFired(environment).eventWrite?.event).text
        #expect(event.contains("\"role\":\"assistant\""))
        guard case .completed(_, .stream(let tail)) = try #require(machine.eventWritten(environment).ending) else {
            Issue.record("expected a completed stream")
            return
        }
        #expect(tail.text.contains("\"finish_reason\":\"length\""))
    }

    @Test func aNonStreamingResponseIsWrittenWholeAfterTheLastToken() throws {
        var machine = GenerationStateMachine.testing(tokens: 2, isStreaming: false)
        var environment = TestEnvironment()
        #expect(machine.start(environment) == .openResponse(writeHead: false, then: .requestAdmission))
        _ = machine.admitted(environment)
        environment.nowNanoseconds += ms(10)
        let first = environment.nowNanoseconds
        #expect(
            machine.timerFired(environment).eventWrite
                == GenerationStateMachine.EventWrite(generated: GeneratedTokens(count: 1, nanoseconds: first))
        )
        _ = machine.eventWritten(environment)
        environment.nowNanoseconds += ms(2)
        let second = GeneratedTokens(count: 1, nanoseconds: environment.nowNanoseconds, previousNanoseconds: first)
        #expect(machine.timerFired(environment).eventWrite == GenerationStateMachine.EventWrite(generated: second))
        guard
            case .completed(let truth, .json(let status, let body)) = try #require(
                machine.eventWritten(environment).ending
            )
        else {
            Issue.record("expected a JSON response")
            return
        }
        #expect(status == .ok)
        #expect(body.contains("\"object\":\"text_completion\"") && body.contains("\"completion_tokens\":2"))
        #expect(truth.eventNanoseconds == [environment.nowNanoseconds])
        #expect(truth.tokensPerEvent == [2])
        #expect(truth.firstTokenNanoseconds == first && truth.lastTokenNanoseconds == second.nanoseconds)
        #expect(truth.decodeNanoseconds == ms(2))
    }

    @Test func zeroDelayEventsGoOutInBurstsThatYieldTheLoop() throws {
        var machine = GenerationStateMachine.testing(tokens: 100) { $0.latency = .instant }
        let environment = TestEnvironment()
        #expect(machine.startAndAdmit(environment) == .schedule(.nextLoopTurn, flush: false))
        var action = machine.timerFired(environment)
        var written = 0
        while action.eventWrite != nil {
            written += 1
            action = machine.eventWritten(environment)
        }
        #expect(written == GenerationStateMachine.burstLimit)
        #expect(action == .schedule(.nextLoopTurn, flush: true))
    }

    @Test func aZeroDelayStreamWaitsForTheClientToRead() throws {
        var machine = GenerationStateMachine.testing(tokens: 3) { $0.latency = .instant }
        var environment = TestEnvironment()
        _ = machine.startAndAdmit(environment)
        _ = try #require(machine.timerFired(environment).eventWrite)
        environment.isWritable = false
        #expect(machine.eventWritten(environment) == .flushAndWaitForWritability)
        #expect(machine.writable(environment) == .none)
        environment.isWritable = true
        _ = try #require(machine.writable(environment).eventWrite)
        #expect(machine.writable(environment) == .none, "only a waiting stream resumes")
    }

    @Test func aQueuedRequestThatIsCancelledLeavesTheQueueAndReturnsALateSlot() throws {
        var machine = GenerationStateMachine.testing()
        _ = machine.start(TestEnvironment())
        guard case .disconnected(let truth, .leaveQueue) = try #require(machine.cancel().ending) else {
            Issue.record("expected to leave the queue")
            return
        }
        #expect(truth.outcome == "disconnected")
        #expect(machine.admitted(TestEnvironment()) == .releaseSlot)
        #expect(machine.cancel() == .none)
    }

    @Test func aGeneratingRequestThatIsCancelledReleasesItsSlotOnce() throws {
        var machine = GenerationStateMachine.testing(tokens: 4)
        let environment = TestEnvironment()
        _ = machine.startAndAdmit(environment)
        _ = try #require(machine.timerFired(environment).eventWrite)
        let ending = try #require(machine.cancel().ending)
        guard case .disconnected(let truth, .release) = ending else {
            Issue.record("expected to release the slot, got \(ending)")
            return
        }
        #expect(truth.completionTokens == 1)
        #expect(machine.eventWritten(environment) == .none)
        #expect(machine.timerFired(environment) == .none)
        #expect(machine.cancel() == .none)
    }

    @Test func aRequestCancelledBeforeItsHeadHoldsNothing() throws {
        var machine = GenerationStateMachine.testing(fault: .slowHeaders)
        _ = machine.start(TestEnvironment())
        #expect(machine.cancel().ending == .disconnected(machine.truth, .none))
        #expect(machine.timerFired(TestEnvironment()) == .none)
    }
}
