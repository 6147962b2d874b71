import LLMBenchSupport
import NIOCore
import NIOHTTP1

@testable import LLMBenchSimulator

/// A clock, a load and a channel's writability that a test sets by hand.
struct TestEnvironment: GenerationEnvironment {
    var nowNanoseconds: UInt64 = 1_000_000
    var activeSequences = 1
    var isWritable = true
}

/// Milliseconds as the machine's nanoseconds.
func ms(_ milliseconds: UInt64) -> UInt64 { milliseconds * 1_000_000 }

extension GenerationStateMachine {
    /// A machine for a request of `tokens` tokens (a prompt of `promptTokens`) on a server with a fixed 10 ms TTFT and 2 ms decode
    /// step (no jitter), one token per event, unless `configure` says otherwise.
    static func testing(
        tokens: Int = 3,
        promptTokens: Int = 4,
        kind: GenerationPlan.Kind = .completion,
        isStreaming: Bool = true,
        fault: InjectedFault? = nil,
        configure: (inout SimulatorOptions) -> Void = { _ in }
    ) -> GenerationStateMachine {
        var options = SimulatorOptions(
            latency: .deterministic(timeToFirstTokenMilliseconds: 10, interTokenMilliseconds: 2)
        )
        configure(&options)
        let plan = GenerationPlan(
            kind: kind,
            responseID: "cmpl-1",
            requestID: "req-1",
            model: "m",
            promptTokens: promptTokens,
            maxTokens: tokens,
            completionTokens: tokens,
            isStreaming: isStreaming,
            includesUsage: true,
            isKeepAlive: true,
            httpVersion: .http1_1,
            fault: fault,
            created: 1,
            receivedNanoseconds: 0,
            arrivalIndex: 0,
            generator: SeededRandom(seed: 1)
        )
        return GenerationStateMachine(
            plan: plan,
            settings: Settings(options: options),
            allocator: ByteBufferAllocator()
        )
    }

    /// Starts the request and admits it at once; returns the action of the admission.
    mutating func startAndAdmit(_ environment: TestEnvironment) -> Action {
        guard start(environment) == .openResponse(writeHead: plan.isStreaming, then: .requestAdmission) else {
            return .none
        }
        return admitted(environment)
    }
}

extension GenerationStateMachine.Action {
    /// The event to write, if this is one.
    var eventWrite: GenerationStateMachine.EventWrite? {
        guard case .writeEvent(let write) = self else { return nil }
        return write
    }

    /// The ending, if this is one.
    var ending: GenerationStateMachine.Ending? {
        guard case .end(let ending) = self else { return nil }
        return ending
    }
}

extension GenerationStateMachine.Ending {
    var truth: RequestTruth {
        switch self {
        case .completed(let truth, _), .faulted(let truth, _, _), .disconnected(let truth, _): truth
        }
    }
}

extension ByteBuffer {
    var text: String { String(buffer: self) }
}
