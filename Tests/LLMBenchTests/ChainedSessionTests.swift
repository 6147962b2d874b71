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
}
