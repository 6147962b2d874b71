import Foundation
import LLMBenchSimulator
import Testing

@testable import LLMBench

/// Conversation files for sessions: ShareGPT and JSONL read turn by turn, malformed lines named,
/// and replayed against the simulator with the server's answers or the file's.
struct ConversationDatasetTests {
    @Test func shareGPTConversationsBecomeTurnsUpToWhereTheyStopAlternating() throws {
        let text = """
            {"conversations": [{"from": "system", "value": "Bạn là trợ lý."}, {"from": "human", "value": "Phở là gì?"}, {"from": "gpt", "value": "Một món ăn."}, {"from": "human", "value": "Ở đâu?"}, {"from": "gpt", "value": "Hà Nội."}]}
            {"conversations": [{"from": "gpt", "value": "lone answer"}]}
            {"conversations": [{"from": "user", "value": "Chào"}, {"from": "assistant", "value": "Chào bạn"}, {"from": "user", "value": "Tạm biệt"}]}
            {"conversations": [{"from": "human", "value": "Một"}, {"from": "human", "value": "Hai"}]}
            """
        let conversations = try ConversationDataset.parse(
            text,
            format: .sharegpt,
            path: "chats.jsonl",
            needsAnswers: true
        )
        #expect(conversations.count == 3, "a conversation without a human message is skipped")
        #expect(conversations[0].system == "Bạn là trợ lý.")
        #expect(
            conversations[0].turns == [
                Conversation.Turn(user: "Phở là gì?", assistant: "Một món ăn."),
                Conversation.Turn(user: "Ở đâu?", assistant: "Hà Nội."),
            ]
        )
        #expect(conversations[1].turns.map(\.user) == ["Chào", "Tạm biệt"])
        #expect(conversations[1].turns.map(\.assistant) == ["Chào bạn", nil])
        #expect(conversations[2].turns == [Conversation.Turn(user: "Một")])
    }

    @Test func aShareGPTArrayIsReadAsWellAsJSONLines() throws {
        let text = """
            [{"conversations": [{"from": "human", "value": "A"}, {"from": "gpt", "value": "B"}]},
             {"conversations": [{"from": "human", "value": "C"}]}]
            """
        let conversations = try ConversationDataset.parse(text, format: .sharegpt, path: "a.json", needsAnswers: false)
        #expect(conversations.map { $0.turns.map(\.user) } == [["A"], ["C"]])
    }

    @Test func jsonlConversationsCarryTheirSystemAnswersAndLengths() throws {
        let text = """
            {"system": "Hãy trả lời ngắn.", "turns": [{"user": "Một", "assistant": "Hai", "output_tokens": 5}, {"user": "Ba"}]}

            {"turns": [{"user": "Bốn", "output_tokens": 2}]}
            """
        let conversations = try ConversationDataset.parse(text, format: .jsonl, path: "c.jsonl", needsAnswers: false)
        #expect(conversations.count == 2)
        #expect(conversations[0].system == "Hãy trả lời ngắn.")
        #expect(
            conversations[0].turns == [
                Conversation.Turn(user: "Một", assistant: "Hai", outputTokens: 5), Conversation.Turn(user: "Ba"),
            ]
        )
        #expect(conversations[1].turns == [Conversation.Turn(user: "Bốn", outputTokens: 2)])
    }

    @Test(arguments: [
        ("{\"turns\": [{\"user\": \"a\"}]}\nnot json\n", DatasetFormat.jsonl, false, 2, "not a JSON object"),
        ("{\"messages\": []}\n", .jsonl, false, 1, "no \"turns\" list"),
        ("{\"turns\": []}\n", .jsonl, false, 1, "no \"turns\" list"),
        ("{\"turns\": [{\"assistant\": \"a\"}]}\n", .jsonl, false, 1, "turn 1 has no \"user\" text"),
        ("{\"turns\": [\"hi\"]}\n", .jsonl, false, 1, "turn 1 is not a JSON object"),
        ("{\"turns\": [{\"user\": \"a\", \"output_tokens\": 0}]}\n", .jsonl, false, 1, "whole number of at least 1"),
        ("{\"turns\": [{\"user\": \"a\", \"assistant\": 3}]}\n", .jsonl, false, 1, "not text"),
        ("{\"system\": 1, \"turns\": [{\"user\": \"a\"}]}\n", .jsonl, false, 1, "\"system\" that is not text"),
        (
            "\n{\"turns\": [{\"user\": \"a\"}, {\"user\": \"b\"}]}\n", .jsonl, true, 2,
            "turn 1 has no \"assistant\" text to replay"
        ),
        ("{\"turns\": [{\"user\": \"a\"}]}\n{\"id\": 3}\n", .sharegpt, false, 1, "no \"conversations\" list"),
        (
            "{\"conversations\": [{\"from\": \"human\"}]}\n", .sharegpt, false, 1,
            "message 1 is not a {\"from\", \"value\"} object"
        ),
    ])
    func malformedConversationLinesAreReportedWithTheirNumber(
        text: String,
        format: DatasetFormat,
        needsAnswers: Bool,
        line: Int,
        reason: String
    ) {
        #expect {
            try ConversationDataset.parse(text, format: format, path: "chats.jsonl", needsAnswers: needsAnswers)
        } throws: { error in
            guard case PromptError.dataset(let path, let reported, let message) = error else { return false }
            return path == "chats.jsonl" && reported == line && message.contains(reason)
                && "\(error)".contains("'chats.jsonl' line \(line)")
        }
    }

    @Test func aFileWithoutAConversationIsAClearError() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/empty.json"
            try "[]".write(toFile: path, atomically: true, encoding: .utf8)
            #expect {
                try ConversationDataset.load(
                    path: path,
                    format: .sharegpt,
                    configPath: "x.yaml",
                    limit: nil,
                    needsAnswers: false
                )
            } throws: { error in
                "\(error)".contains("no conversation with a user message")
            }
        }
    }

    /// Two conversations of two turns; the first answers are 3 words, while each turn asks for 6.
    static let chats = """
        {"turns": [{"user": "Hôm nay trời đẹp quá", "assistant": "Đúng vậy bạn", "output_tokens": 6}, {"user": "Đi chơi không", "output_tokens": 6}]}
        {"turns": [{"user": "Bạn ăn cơm chưa", "assistant": "Tôi ăn rồi", "output_tokens": 6}, {"user": "Ăn gì thế", "output_tokens": 6}]}
        """

    @Test(arguments: [false, true])
    func aConversationIsReplayedTurnByTurnWithTheServersOrTheFilesAnswers(replay: Bool) async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/chats.jsonl"
            try Self.chats.write(toFile: path, atomically: true, encoding: .utf8)
            let workload = SessionWorkload(
                source: .conversations(
                    path: path,
                    format: .jsonl,
                    replayAnswers: replay,
                    maxSessions: nil,
                    outputTokens: nil
                )
            )
            let run = try await runSessions(workload) { config in
                config.runs = 1
                config.concurrency = 2
            }
            #expect(run.truths.count == 4)
            let tokenizer = SimulatedTokenizer()
            let users = [["Hôm nay trời đẹp quá", "Đi chơi không"], ["Bạn ăn cơm chưa", "Ăn gì thế"]]
            for index in 0..<2 {
                let first = try #require(run.truth(index: index, turn: 1))
                let second = try #require(run.truth(index: index, turn: 2))
                #expect(first.promptTokens == tokenizer.count(users[index][0]))
                #expect(first.completionTokens == 6)
                // The history holds the server's 6-token answer, or the file's 3-word one.
                let answer = replay ? 3 : 6
                #expect(second.promptTokens == first.promptTokens + answer + tokenizer.count(users[index][1]))
            }
            for record in run.records {
                #expect(record["input_tokens"] as? Int == record["input_tokens_server"] as? Int, "\(record)")
            }
        }
    }
}
