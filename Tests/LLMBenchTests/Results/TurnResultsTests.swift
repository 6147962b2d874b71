import Foundation
import LLMBenchSimulator
import Testing

@testable import LLMBench

/// The figures of a multi-turn case per turn index: each turn's own statistics, its row in the
/// turns file, its lines on the console and in the summary, and its place read back from a record.
struct TurnResultsTests {
    /// Two sessions of three turns; turn k has TTFT 10·k ms and a prompt of 100·k tokens, of which
    /// the server cached all but the newest 100 from turn 2 on.
    static func sessionRecords() -> [RequestRecord] {
        (0..<2).flatMap { session in
            (1...3).map { turn in
                var record = timedRecord(ttft: Double(10 * turn), gaps: [2, 2], start: Double(100 * turn))
                record.sessionPosition = SessionPosition(session: session, turn: turn)
                record.requestedInputTokens = 100 * turn
                record.inputTokensReported = 100 * turn
                record.serverReport = ServerReport(cachedPromptTokens: 100 * (turn - 1), timings: ServerTimings())
                return record
            }
        }
    }

    static func summary(_ records: [RequestRecord]) -> CaseSummary {
        CaseSummary(
            records: records,
            benchmarkCase: BenchmarkCase(inputTokens: 100, outputTokens: 3),
            caseIndex: 1,
            model: "m",
            runs: 1,
            concurrency: 2,
            startedAt: Date(timeIntervalSince1970: 0)
        )
    }

    @Test func aSessionCaseHasTheFiguresOfEachTurnIndex() throws {
        let summary = Self.summary(Self.sessionRecords())
        #expect(summary.turn == nil)
        #expect(summary.turns.map(\.turn) == [1, 2, 3])
        #expect(summary.turns.map(\.successfulRequests) == [2, 2, 2])
        #expect(summary.turns.map { $0.latency[.ttft]?.p50 } == [10, 20, 30])
        #expect(summary.turns.map(\.meanInputTokensServer) == [100, 200, 300])
        #expect(summary.turns.map(\.serverTimings.cachedPromptTokenRate) == [0, 0.5, 200.0 / 300])
        #expect(summary.turns.flatMap(\.turns).isEmpty)
        #expect(summary.successfulRequests == 6)
    }

    @Test func singleRequestsHaveNoTurns() {
        let summary = Self.summary([timedRecord(ttft: 5, gaps: [1])])
        #expect(summary.turns.isEmpty)
        #expect(TurnResultRow.rows(of: summary).isEmpty)
        #expect(ConsoleSummary.turnLines(summary).isEmpty)
    }

    @Test func eachTurnRowLeadsWithItsCaseStepAndTurn() throws {
        let rows = TurnResultRow.rows(of: Self.summary(Self.sessionRecords()))
        #expect(rows.count == 3)
        for (position, row) in rows.enumerated() {
            #expect(row.cells.map(\.name) == TurnResultRow.columns)
            #expect(row.cells[0].value.csvField == "1")
            #expect(row.cells[1].value.csvField == "0")
            #expect(row.cells[2].value.csvField == "\(position + 1)")
        }
        #expect(TurnResultRow.csvHeader.hasPrefix("case,step,turn,@timestamp,model,"))
    }

    @Test func theConsoleShowsOneLinePerTurnWithTheServersPromptLength() {
        let lines = ConsoleSummary.turnLines(Self.summary(Self.sessionRecords()))
        #expect(lines.count == 5)
        #expect(lines[1].contains("turn") && lines[1].contains("prompt tok") && lines[1].contains("cached %"))
        let third = lines[4].split(separator: " ")
        #expect(third.prefix(5) == ["3", "2", "0", "300.0", "66.7"])
        #expect(third[5] == "30.00")
    }

    @Test func theSummaryHoldsEachTurnsFigures() throws {
        let object = SummaryDocument.caseObject(Self.summary(Self.sessionRecords()))
        let turns = try #require(object["turns"] as? [[String: Any]])
        #expect(turns.map { $0["turn"] as? Int } == [1, 2, 3])
        #expect(turns.map { $0["mean_input_tokens_server"] as? Double } == [100, 200, 300])
        #expect(object["turn"] == nil)
    }

    @Test func aRecordsSessionAndTurnAreReadBack() throws {
        var record = successfulRecord(index: 3)
        record.requestID = "llmb-abc123-c0-s0-r1-i3-t2-a1"
        record.sessionPosition = SessionPosition(session: 3, turn: 2)
        let sample = try RecordTimesTests.record(String(decoding: record.jsonLine(), as: UTF8.self))
        #expect(sample.sessionPosition == SessionPosition(session: 3, turn: 2))
        let single = try RecordTimesTests.record(String(decoding: successfulRecord(index: 0).jsonLine(), as: UTF8.self))
        #expect(single.sessionPosition == nil)
    }

    @Test func aRecordWithATurnButNoSessionIsRefused() throws {
        var line = String(decoding: successfulRecord(index: 0).jsonLine(), as: UTF8.self)
        line = line.replacingOccurrences(of: "\"request_id\"", with: "\"turn\":2,\"request_id\"")
        #expect(throws: JSONLineScanner.Failure.self) { try RecordTimesTests.record(line) }
    }

    @Test func theReportShowsATableOfTheTurnsFromTheSummary() throws {
        let object = SummaryDocument.caseObject(Self.summary(Self.sessionRecords()))
        let data = try JSONSerialization.data(withJSONObject: object)
        guard case .object(var columns) = try JSONDecoder().decode(JSONValue.self, from: data) else {
            Issue.record("the case object is not an object")
            return
        }
        columns["case"] = nil
        columns["step"] = nil
        let results = ReportFixtures.results(caseIndex: 1, columns)
        #expect(results.turns.map(\.turn) == [1, 2, 3])
        #expect(results.turns.map { $0.results.number("ttft_p50_ms") } == [10, 20, 30])
        let html = HTMLReport(runs: [ReportFixtures.run(cases: [results])]).render()
        #expect(html.contains("Per turn of the sessions"))
        #expect(html.contains("turn 3"))
        #expect(html.contains("66.7"), "turn 3's cached share, in percent")
        let single = HTMLReport(runs: [ReportFixtures.run(cases: [ReportFixtures.results(["ttft_p50_ms": .number(5)])])]
        )
        #expect(!single.render().contains("Per turn of the sessions"))
    }

    @Test func aSessionRunWritesItsTurnsFileAndARunOfSingleRequestsNone() async throws {
        try await withTemporaryDirectory { directory in
            let options = SimulatorOptions(
                latency: .deterministic(timeToFirstTokenMilliseconds: 2, interTokenMilliseconds: 1)
            )
            try await withSimulatedServer(options: options) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 2)
                config.api = .chat
                config.saveFormat = .csv
                config.cases = [BenchmarkCase(workload: .sessions(drawnSessions(turns: 3, user: 6, output: 4)))]
                let report = try await BenchmarkRunner(config: config).run()
                let path = try #require(report.files.turns)
                let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
                #expect(lines.first.map(String.init) == TurnResultRow.csvHeader)
                let places = lines.dropFirst().map { $0.split(separator: ",").prefix(3).joined(separator: ",") }
                #expect(places == ["0,0,1", "0,0,2", "0,0,3"])
                let summary = try #require(report.cases.first)
                #expect(summary.turns.map(\.successfulRequests) == [2, 2, 2])
                #expect(
                    summary.turns.compactMap(\.meanInputTokensServer) == [6, 16, 26],
                    "each turn carries the history: the answer (4 tokens) and the new message (6)"
                )
                let document = try JSONSerialization.jsonObject(
                    with: Data(contentsOf: URL(fileURLWithPath: report.files.summary))
                )
                let files = try #require((document as? [String: Any])?["files"] as? [String: Any])
                #expect(files["turns"] as? String == path)

                config.cases = [BenchmarkCase(inputTokens: 4, outputTokens: 2)]
                #expect(try await BenchmarkRunner(config: config).run().files.turns == nil)
            }
        }
    }
}
