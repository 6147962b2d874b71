import Foundation
import Testing

@testable import LLMBench

/// A run killed before its end leaves an empty summary: it is read from its results file (the
/// cases it finished) and its requests file.
struct UnfinishedRunTests {
    /// Empties the run's summary, as a run killed before its end leaves it.
    private func kill(_ report: BenchmarkReport) throws {
        try Data().write(to: URL(fileURLWithPath: report.files.summary))
    }

    @Test func aKilledRunIsReadFromItsCSVRowsAndRecords() async throws {
        try await withTemporaryDirectory { directory in
            let report = try await writeSweepRun(into: directory)
            try kill(report)
            let run = try #require(try RunResultsLoader.load(paths: [report.files.results]).first)
            #expect(run.isUnfinished && run.wasInterrupted)
            #expect(run.runID == report.files.runID)
            #expect(run.config == .null && run.seed == nil && run.definitions.isEmpty)
            #expect(run.startedAt.count == 20 && run.startedAt.hasSuffix("Z"))
            #expect(run.cases.map { [$0.caseIndex, $0.step] } == [[0, 0], [0, 1], [1, 0], [1, 1]])
            #expect(run.records.count == 8)
            let rows = try lines(ofFile: report.files.results)
            let header = rows[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(header == ResultRow.columns, "no quoted column names in this header")
            for (loaded, row) in zip(run.cases, rows.dropFirst()) {
                #expect(Set(loaded.columns.keys) == Set(ResultRow.columns))
                #expect(loaded.text("model") == "llm-bench-sim" && loaded.text("load_mode") == "concurrency")
                #expect(loaded.number("successful_requests") == 2)
                let fields = row.split(separator: ",", omittingEmptySubsequences: false)
                for (name, field) in zip(header, fields) {
                    guard let number = Double(field), loaded.text(name) == nil else { continue }
                    #expect(loaded.number(name) == number, "\(name)")
                }
            }
        }
    }

    @Test func aKilledRunIsReadFromItsJSONLRowsExactly() async throws {
        try await withTemporaryDirectory { directory in
            let report = try await writeSweepRun(into: directory, format: .jsonl)
            try kill(report)
            let run = try #require(try RunResultsLoader.load(paths: [report.files.summary]).first)
            let rows = try lines(ofFile: report.files.results).map(decodedObject)
            #expect(run.cases.map(\.columns) == rows)
            #expect(run.cases.map(\.step) == [0, 1, 0, 1])
        }
    }

    @Test func aRunKilledWithinAStepKeepsItsFinishedRowsAndEveryWholeRecord() async throws {
        try await withTemporaryDirectory { directory in
            let report = try await writeSweepRun(into: directory)
            try kill(report)
            try rewrite(report.files.results) { text in
                text.split(separator: "\n").dropLast().joined(separator: "\n") + "\n"
            }
            let whole = try lines(ofFile: report.files.requests)
            try rewrite(report.files.requests) { $0 + whole[0].prefix(90) }
            let run = try #require(try RunResultsLoader.load(paths: [directory]).first)
            #expect(run.cases.map { [$0.caseIndex, $0.step] } == [[0, 0], [0, 1], [1, 0]])
            #expect(run.records.count == 8 && run.truncatedRecordLines == 1)
        }
    }

    @Test func rowsOfAKilledRunThatDoNotMatchItsRequestsAreRefused() async throws {
        try await withTemporaryDirectory { directory in
            let report = try await writeSweepRun(into: directory)
            try kill(report)
            try rewrite(report.files.requests) { text in
                text.split(separator: "\n").dropFirst(2).joined(separator: "\n") + "\n"
            }
            let error = try #require(throws: ResultsReadError.self) {
                try RunResultsLoader.load(paths: [report.files.summary])
            }
            guard case .unmatchedUnfinishedRows(let path, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(path == report.files.results)
            #expect(error.description.contains("killed before its end"))
        }
    }

    @Test func csvRowsReadQuotedTextAndTypedValues() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/x.csv"
            let text = [
                ResultRow.csvHeader, ResultRow(OutputFixture.rateSummary).csvLine,
                ResultRow(OutputFixture.wavesSummary).csvLine,
            ]
            try (text.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            let rows = try ResultsFile.rows(of: path)
            #expect(rows.count == 2)
            #expect(rows[0]["model"] == .string("qwen,\"x\""))
            #expect(rows[0]["failures"] == .string("timeout_idle=1") && rows[1]["failures"] == .string(""))
            #expect(rows[0]["slo_met"] == .bool(false) && rows[1]["slo_met"] == .null)
            #expect(rows[0]["input_tokens"] == .integer(128) && rows[0]["TTFT (ms)"] == .number(103.417))
            #expect(rows[0]["shared_prefix_tokens"] == .null)
        }
    }

    @Test(arguments: [
        ("20261201T223637.999Z", "2026-12-01T22:36:37Z"), ("20261201T223637Z", ""), ("2026120xT223637.999Z", ""),
    ])
    func aFileNamesStampGivesTheStartTime(_ stamp: String, _ expected: String) {
        #expect(RunResults.startTime(stamp: stamp) == expected)
    }
}
