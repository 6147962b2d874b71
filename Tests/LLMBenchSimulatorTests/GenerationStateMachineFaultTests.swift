import NIOCore
import NIOHTTP1
import Testing

@testable import LLMBenchSimulator

/// The faults a generation request carries out, and the table that draws them, without sockets.
struct GenerationStateMachineFaultTests {
    @Test func slowHeadersDelayTheHeadAndTheQueueing() throws {
        var machine = GenerationStateMachine.testing(fault: .slowHeaders) { $0.faults.slowHeadersMilliseconds = 30 }
        var environment = TestEnvironment()
        let start = environment.nowNanoseconds
        #expect(machine.start(environment) == .schedule(.at(uptimeNanoseconds: start + ms(30)), flush: false))
        #expect(machine.cancel() != .none, "a delayed head can be cancelled")
        var healthy = GenerationStateMachine.testing(fault: .slowHeaders) { $0.faults.slowHeadersMilliseconds = 30 }
        _ = healthy.start(environment)
        environment.nowNanoseconds = start + ms(30)
        #expect(healthy.timerFired(environment) == .openResponse(writeHead: true, then: .requestAdmission))
        #expect(healthy.admitted(environment) == .schedule(.at(uptimeNanoseconds: start + ms(40)), flush: false))
    }

    @Test func closingAfterNoTokensClosesRightAfterTheHead() throws {
        var machine = GenerationStateMachine.testing(fault: .closeMidStream) { $0.faults.closeAfterTokens = 0 }
        var truth = machine.truth
        truth.outcome = "fault"
        let ending = GenerationStateMachine.Ending.faulted(truth, releasesSlot: false, .close)
        #expect(machine.start(TestEnvironment()) == .openResponse(writeHead: true, then: .end(ending)))
        #expect(machine.cancel() == .none)
    }

    @Test func closingMidStreamClosesOnceItsTokensAreOut() throws {
        var machine = GenerationStateMachine.testing(tokens: 5, fault: .closeMidStream) {
            $0.faults.closeAfterTokens = 2
        }
        var environment = TestEnvironment()
        _ = machine.startAndAdmit(environment)
        environment.nowNanoseconds += ms(10)
        _ = try #require(machine.timerFired(environment).eventWrite)
        _ = machine.eventWritten(environment)
        environment.nowNanoseconds += ms(2)
        _ = try #require(machine.timerFired(environment).eventWrite)
        let ending = try #require(machine.eventWritten(environment).ending)
        #expect(ending == .faulted(ending.truth, releasesSlot: true, .close))
        #expect(ending.truth.completionTokens == 2)
        #expect(ending.truth.outcome == "fault")
    }

    @Test func anErrorEventEndsTheStreamAfterTheFirstToken() throws {
        var machine = GenerationStateMachine.testing(tokens: 5, fault: .errorEvent)
        let environment = TestEnvironment()
        _ = machine.startAndAdmit(environment)
        _ = try #require(machine.timerFired(environment).eventWrite)
        let ending = try #require(machine.eventWritten(environment).ending)
        guard case .faulted(let truth, releasesSlot: true, .stream(let tail)) = ending else {
            Issue.record("expected an error event, got \(ending)")
            return
        }
        #expect(tail.text == StreamChunkEncoder.errorEvent + StreamChunkEncoder.done)
        #expect(truth.completionTokens == 1)
    }

    @Test func anErrorEventWithoutAStreamIsAnHTTP500() throws {
        var machine = GenerationStateMachine.testing(isStreaming: false, fault: .errorEvent)
        let environment = TestEnvironment()
        _ = machine.startAndAdmit(environment)
        _ = machine.timerFired(environment)
        guard case .faulted(_, true, .json(let status, _)) = try #require(machine.eventWritten(environment).ending)
        else {
            Issue.record("expected HTTP 500")
            return
        }
        #expect(status == .internalServerError)
    }

    @Test func aMalformedChunkFollowsTheFirstEventOnly() throws {
        var machine = GenerationStateMachine.testing(tokens: 3, fault: .malformedChunk) { $0.latency = .instant }
        let environment = TestEnvironment()
        _ = machine.startAndAdmit(environment)
        #expect(try #require(machine.timerFired(environment).eventWrite).malformed?.text == "data: {not json\n\n")
        #expect(try #require(machine.eventWritten(environment).eventWrite).malformed == nil)
    }

    @Test func aStallPausesOnceAfterTheFirstToken() throws {
        var machine = GenerationStateMachine.testing(tokens: 3, fault: .stall) { $0.faults.stallMilliseconds = 30 }
        var environment = TestEnvironment()
        _ = machine.startAndAdmit(environment)
        environment.nowNanoseconds += ms(10)
        _ = machine.timerFired(environment)
        let second = environment.nowNanoseconds + ms(32)
        #expect(machine.eventWritten(environment) == .schedule(.at(uptimeNanoseconds: second), flush: true))
        environment.nowNanoseconds = second
        _ = machine.timerFired(environment)
        #expect(machine.eventWritten(environment) == .schedule(.at(uptimeNanoseconds: second + ms(2)), flush: true))
    }

    @Test func theFaultTableDrawsFaultsInTheirOrder() {
        let faults = FaultInjection(probabilities: [.stall: 0.25, .http500: 0.5, .slowHeaders: 0])
        #expect(faults.fault(forDraw: 0.49) == .http500)
        #expect(faults.fault(forDraw: 0.5) == .stall)
        #expect(faults.fault(forDraw: 0.75) == nil)
        #expect(faults.isEnabled)
        #expect(!FaultInjection(probabilities: [.stall: 0]).isEnabled)
    }

    @Test func aProbabilityOutsideZeroToOneIsRefusedByItsName() {
        let faults = FaultInjection(probabilities: [.closeMidStream: 1.5])
        #expect(throws: SimulatorError.self) { try faults.validate() }
        do {
            try faults.validate()
        } catch {
            #expect("\(error)".contains("close_mid_stream"))
        }
    }

    @Test func faultsHaveOneSnakeCaseNameEach() {
        #expect(
            InjectedFault.allCases.map(\.rawValue) == [
                "http500", "http503", "http429", "reset_before_headers", "close_mid_stream", "malformed_chunk",
                "error_event", "stall", "slow_headers",
            ]
        )
    }
}
