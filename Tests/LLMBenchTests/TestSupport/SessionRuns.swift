import Foundation
import LLMBenchSimulator
import Testing

@testable import LLMBench

/// One session case as the benchmark ran it: its records (request file lines) and the simulator's
/// truths of its timed requests, both keyed by session and turn.
struct SessionRun {
    let report: BenchmarkReport
    let records: [[String: Any]]
    /// Timed requests only (the phase 1 probes carry no `llmb-` request id).
    let truths: [RequestTruth]

    /// The truth of each turn, by the request id's run, index and turn.
    func truth(run: Int = 1, index: Int, turn: Int) -> RequestTruth? {
        truths.first { $0.requestID.contains("-r\(run)-i\(index)-t\(turn)-") }
    }

    /// The records of one session (its `session` number), in turn order.
    func records(ofSession session: Int) -> [[String: Any]] {
        records.filter { $0["session"] as? Int == session }.sorted {
            ($0["turn"] as? Int ?? 0) < ($1["turn"] as? Int ?? 0)
        }
    }

    /// The most timed requests the simulator held at once (phase 1's requests left out).
    var mostInFlight: Int {
        let events = truths.flatMap { truth in
            [(truth.receivedNanoseconds, 1), (truth.endedNanoseconds ?? truth.receivedNanoseconds, -1)]
        }
        var inFlight = 0
        var most = 0
        for (_, change) in events.sorted(by: { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }) {
            inFlight += change
            most = max(most, inFlight)
        }
        return most
    }

    /// The distinct sessions recorded.
    var sessions: Set<Int> { Set(records.compactMap { $0["session"] as? Int }) }
}

/// Runs `workload` as the only case (chat API unless `configure` says otherwise).
func runSessions(
    _ workload: SessionWorkload,
    options: SimulatorOptions = SimulatorOptions(
        latency: .deterministic(timeToFirstTokenMilliseconds: 2, interTokenMilliseconds: 1)
    ),
    _ configure: (inout BenchmarkConfig) -> Void = { _ in }
) async throws -> SessionRun {
    let (report, lines, truths, _) = try await runLoad(
        { config in
            config.api = .chat
            config.cases = [BenchmarkCase(workload: .sessions(workload))]
            configure(&config)
        },
        options: options
    )
    return SessionRun(
        report: report,
        records: try jsonObjects(lines),
        truths: truths.filter { $0.requestID.hasPrefix("llmb-") }
    )
}

/// Drawn sessions of `turns` turns, each user message `user` tokens and each answer `output` tokens.
func drawnSessions(turns: Int, user: Int = 8, output: Int = 5, system: Int? = nil, think: Double = 0)
    -> SessionWorkload
{
    SessionWorkload(
        source: .synthetic(
            turns: .fixed(turns),
            userTokens: .fixed(user),
            outputTokens: .fixed(output),
            systemTokens: system
        ),
        thinkTime: .fixed(think)
    )
}
