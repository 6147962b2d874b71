import Foundation
import LLMBenchSimulator
import NIOCore
import Testing

@testable import LLMBench

/// Sessions on the Responses API whose server holds the conversation: after the first turn each
/// turn sends only its user message and the previous answer's `previous_response_id`.
struct ChainedSessionTests {
    static func chained(turns: Int) -> SessionWorkload {
        var workload = drawnSessions(turns: turns, user: 7, output: 5)
        workload.chainsResponses = true
        return workload
    }

    @Test func eachLaterTurnNamesThePreviousResponseAndIsCountedWithTheWholeConversation() async throws {
        let run = try await runSessions(Self.chained(turns: 3)) { config in
            config.api = .responses
            config.runs = 1
            config.concurrency = 2
        }
        #expect(run.truths.count == 6)
        #expect(run.records.allSatisfy { $0["status"] as? String == "ok" })
        for index in 0..<2 {
            let first = try #require(run.truth(index: index, turn: 1))
            #expect(first.previousResponseID == nil)
            for turn in 2...3 {
                let before = try #require(run.truth(index: index, turn: turn - 1))
                let after = try #require(run.truth(index: index, turn: turn))
                #expect(after.previousResponseID?.isEmpty == false, "turn \(turn) names the answer before it")
                #expect(after.promptTokens == before.promptTokens + before.completionTokens + 7)
            }
        }
        for record in run.records {
            #expect(record["input_tokens"] as? Int == record["input_tokens_server"] as? Int, "\(record)")
        }
    }

    @Test func aChainedTurnsBodyHoldsOnlyTheNewMessageAndTheID() throws {
        var history = SessionHistory(system: "be brief")
        history.append(user: "first", answer: "one")
        var factory = RequestFactory(
            address: try #require(ServerAddress(parsing: "http://127.0.0.1:1/v1")),
            apiKey: nil,
            extraHeaders: [:],
            model: "m"
        )
        factory.api = .responses
        let chained = String(
            buffer: history.body(
                sending: "second",
                factory: factory,
                maxTokens: 16,
                forcesLength: false,
                previousResponseID: "resp_7"
            )
        )
        #expect(chained.contains(#""previous_response_id":"resp_7""#))
        #expect(chained.contains("second") && !chained.contains("first") && !chained.contains("be brief"))
        let whole = String(
            buffer: history.body(sending: "second", factory: factory, maxTokens: 16, forcesLength: false)
        )
        #expect(whole.contains("first") && whole.contains("one") && !whole.contains("previous_response_id"))
    }

    @Test func chainingOnAnotherAPIIsAConfigError() throws {
        let yaml = """
            api: chat
            runs: 1
            num_concurrent_requests: 1
            cases:
              - sessions: {turns: 2, user_tokens: 8, output_tokens: 4, previous_response_id: true}
            """
        #expect(throws: ConfigError.self) { try ConfigLoader.parse(yaml: yaml, file: "bench.yaml") }
        let replayed = """
            api: responses
            runs: 1
            num_concurrent_requests: 1
            cases:
              - sessions: {dataset: c.jsonl, replay_answers: true, previous_response_id: true}
            """
        #expect(throws: ConfigError.self) { try ConfigLoader.parse(yaml: replayed, file: "bench.yaml") }
    }

    @Test func aChainedTurnWhoseStreamNamesNoResponseIDFailsAndEndsItsSession() async throws {
        // A Responses stream without `response.created`: answer text and usage, but no id to continue.
        let stream = [
            #"{"type":"response.output_text.delta","delta":"Xin"}"#,
            #"{"type":"response.output_text.delta","delta":" chào"}"#,
            #"{"type":"response.completed","response":{"usage":{"input_tokens":3,"output_tokens":2}}}"#,
        ].map { "data: \($0)\n\n" }.joined()
        try await withScriptedServer({ _ in [.chunkedHead(), .chunk(stream), .lastChunk] }) { server in
            let plain = try ForeignServerTests.executor(baseURL: server.url())
            var factory = plain.factory
            factory.api = .responses
            let executor = RequestExecutor(
                connector: plain.connector,
                factory: factory,
                retry: plain.retry,
                timeouts: plain.timeouts,
                maxBodyBytes: plain.maxBodyBytes
            )
            let prompt = PreparedPrompt(
                text: "hello",
                tokens: 3,
                target: 3,
                measuredBy: "usage",
                origin: "corpus",
                topicWords: []
            )
            let turn = SessionScript.Turn(user: prompt, outputTokens: 2, thinkNanoseconds: 0)
            let script = SessionScript(system: nil, turns: [turn, turn])
            let runner = SessionRunner(
                executor: executor,
                runID: "t",
                caseIndex: 0,
                step: 0,
                isOutputLengthForced: false,
                plan: SessionPlan(
                    scripts: [script],
                    accounting: SessionTokenAccounting(),
                    replaysAnswers: false,
                    chainsResponses: true
                ),
                stop: StopRequest(),
                durationSeconds: nil,
                announce: nil
            )
            let start = SessionProgress(
                script: script,
                number: 0,
                run: 1,
                index: 0,
                isWarmup: false,
                scheduledNanoseconds: nil
            )
            let outcome = await runner.sendNextTurn(of: start, connection: nil, caseStart: MonotonicClock.now())
            await outcome.connection?.close()
            let record = try #require(outcome.record)
            #expect(record.failure?.kind == .streamBroken)
            #expect(record.failure?.message.contains("previous_response_id") == true)
            #expect(record.turnsNotSent == 1)
            #expect(outcome.progress.isOver)
            #expect(server.requestHeads.count == 1, "the second turn is not sent")
        }
    }
}
