import Testing

@testable import LLMBench

/// The `sessions:` key of a case: its two forms, think times as durations or distributions, and
/// what is refused.
struct SessionConfigTests {
    static func cases(_ yaml: String) throws -> [BenchmarkCase] {
        try ConfigLoader.parse(yaml: "runs: 1\nnum_concurrent_requests: 1\ncases:\n" + yaml, file: "s.yaml").cases
    }

    static func error(_ yaml: String) -> String? {
        do {
            _ = try cases(yaml)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func drawnSessionsReadEveryLengthAsADistributionAndTheThinkTimeAsADuration() throws {
        let cases = try Self.cases(
            """
              - {sessions: {turns: 5, user_tokens: 128, output_tokens: 256, think_time: 2s}}
              - {sessions: {turns: {uniform: [2, 6]}, user_tokens: {normal: {mean: 100, stddev: 20}}, output_tokens: 64, think_time: 500ms, system_tokens: 300}}
              - {sessions: {turns: 3, user_tokens: 10, output_tokens: 10}}
              - {sessions: {turns: 3, user_tokens: 10, output_tokens: 10, think_time: {uniform: [1s, 3s]}}}
              - {sessions: {turns: 3, user_tokens: 10, output_tokens: 10, think_time: {normal: {mean: 2s, stddev: 500ms}}}}
              - {sessions: {turns: 3, user_tokens: 10, output_tokens: 10, think_time: {exponential: 1.5}}}
            """
        )
        #expect(
            cases[0].workload
                == .sessions(
                    SessionWorkload(
                        source: .synthetic(
                            turns: .fixed(5),
                            userTokens: .fixed(128),
                            outputTokens: .fixed(256),
                            systemTokens: nil
                        ),
                        thinkTime: .fixed(2)
                    )
                )
        )
        #expect(cases[0].inputTokens == 128 && cases[0].outputTokens == 256)
        guard case .sessions(let second) = cases[1].workload,
            case .synthetic(let turns, let user, _, let system) = second.source
        else {
            Issue.record("not a sessions case: \(cases[1].workload)")
            return
        }
        #expect(turns == .uniform(2, 6))
        #expect(user == .normal(mean: 100, standardDeviation: 20, min: 1, max: 180))
        #expect(system == 300)
        #expect(second.thinkTime == .fixed(0.5))
        let thinkTimes = cases[2...].compactMap { benchmarkCase -> ThinkTime? in
            guard case .sessions(let sessions) = benchmarkCase.workload else { return nil }
            return sessions.thinkTime
        }
        #expect(
            thinkTimes == [
                .fixed(0), .uniform(1, 3), .normal(mean: 2, standardDeviation: 0.5, min: 0, max: 4),
                .exponential(mean: 1.5),
            ]
        )
    }

    @Test func conversationSessionsReadTheFileAndItsOptions() throws {
        let cases = try Self.cases(
            """
              - {sessions: {dataset: chats.json, format: sharegpt, replay_answers: true, max_sessions: 20, think_time: 1s}}
              - {sessions: {dataset: chats.jsonl, output_tokens: 64}}
            """
        )
        #expect(
            cases[0].workload
                == .sessions(
                    SessionWorkload(
                        source: .conversations(
                            path: "chats.json",
                            format: .sharegpt,
                            replayAnswers: true,
                            maxSessions: 20,
                            outputTokens: nil
                        ),
                        thinkTime: .fixed(1)
                    )
                )
        )
        #expect(
            cases[1].workload
                == .sessions(
                    SessionWorkload(
                        source: .conversations(
                            path: "chats.jsonl",
                            format: .jsonl,
                            replayAnswers: false,
                            maxSessions: nil,
                            outputTokens: 64
                        )
                    )
                )
        )
    }

    @Test(arguments: [
        (
            "  - {input_tokens: 4, output_tokens: 2, sessions: {turns: 2, user_tokens: 4, output_tokens: 2}}",
            "'cases[0].input_tokens' cannot be given with 'cases[0].sessions'"
        ),
        (
            "  - {sessions: {user_tokens: 4, output_tokens: 2}}",
            "required key 'cases[0].sessions.turns' is missing"
        ),
        (
            "  - {sessions: {turns: 2, user_tokens: 4, output_tokens: 2, replay_answers: true}}",
            "'cases[0].sessions.replay_answers' cannot be given with 'cases[0].sessions.turns'"
        ),
        (
            "  - {sessions: {dataset: a.jsonl, turns: 3}}",
            "'cases[0].sessions.turns' cannot be given with 'cases[0].sessions.dataset'"
        ),
        (
            "  - {sessions: {dataset: a.jsonl, output_tokens: {uniform: [1, 4]}}}",
            "'cases[0].sessions.output_tokens' must be a number"
        ),
        (
            "  - {sessions: {turns: 2000, user_tokens: 4, output_tokens: 2}}",
            "'cases[0].sessions.turns' is 2000, but it must be at most 1000 turns"
        ),
        (
            "  - {sessions: {turns: 0, user_tokens: 4, output_tokens: 2}}",
            "'cases[0].sessions.turns' is 0, but it must be at least 1"
        ),
        (
            "  - {sessions: {turns: 2, user_tokens: 4, output_tokens: 2, think_time: soon}}",
            "'cases[0].sessions.think_time' must be a duration such as 2s, 500ms or 0, found 'soon'"
        ),
        (
            "  - {sessions: {turns: 2, user_tokens: 4, output_tokens: 2, think_time: {uniform: [3s, 1s]}}}",
            "'cases[0].sessions.think_time.uniform[1]' is '1s', but it must be at least the low bound 3s"
        ),
        (
            "  - {sessions: {turns: 2, user_tokens: 4, output_tokens: 2, think_tiem: 1s}}",
            "unknown key 'cases[0].sessions.think_tiem'. Did you mean 'cases[0].sessions.think_time'?"
        ),
        (
            "  - {sessions: {dataset: a.jsonl, format: csv}}",
            "'cases[0].sessions.format' is 'csv'"
        ),
    ])
    func aWrongSessionsCaseIsRefusedWithWhereAndWhy(yaml: String, message: String) throws {
        let error = try #require(Self.error(yaml))
        #expect(error.contains(message), "\(error)")
        #expect(error.hasPrefix("s.yaml:"), "\(error)")
    }

    @Test func aSessionsCaseIsDescribedByItsShape() throws {
        let cases = try Self.cases(
            "  - {sessions: {turns: 3, user_tokens: 10, output_tokens: 20, think_time: {uniform: [1s, 2s]}, system_tokens: 5}}"
        )
        let workload = try #require(cases.first?.workload)
        #expect("\(workload)" == "sessions(system 5, 3x10/20, think uniform(1s..2s))")
    }
}
