import Foundation
import Testing

@testable import LLMBench

struct ResultsReadErrorTests {
    @Test func aResultsFileWithoutItsSummaryNamesTheSummaryItExpected() async throws {
        try await withTemporaryDirectory { directory in
            let report = try await writeSweepRun(into: directory)
            let alone = directory + "/alone"
            try FileManager.default.createDirectory(atPath: alone, withIntermediateDirectories: true)
            let name = URL(fileURLWithPath: report.files.results).lastPathComponent
            try FileManager.default.copyItem(atPath: report.files.results, toPath: alone + "/" + name)
            let expected = alone + "/" + name.dropLast(".csv".count) + "_summary.json"
            #expect(throws: ResultsReadError.noSummary(path: alone + "/" + name, expected: expected)) {
                try RunResultsLoader.load(paths: [alone + "/" + name])
            }
            let message = ResultsReadError.noSummary(path: alone + "/" + name, expected: expected).description
            #expect(message.hasPrefix("\(alone)/\(name) has no summary beside it (expected \(expected))"))
        }
    }

    @Test func aCorruptLineIsNamedByItsNumber() async throws {
        try await withTemporaryDirectory { directory in
            let report = try await writeSweepRun(into: directory)
            try rewrite(report.files.requests) { text in
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                lines[2] = String(lines[2].prefix(40)) + "}"
                return lines.joined(separator: "\n")
            }
            let error = try #require(throws: ResultsReadError.self) {
                try RunResultsLoader.load(paths: [report.files.summary])
            }
            guard case .corruptRecord(let path, let line, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(path == report.files.requests && line == 3)
            #expect(error.description.hasPrefix("\(report.files.requests), line 3: not a request record: "))
        }
    }

    @Test func aRecordWithoutARequiredFieldNamesTheField() async throws {
        try await withTemporaryDirectory { directory in
            let report = try await writeSweepRun(into: directory)
            try rewrite(report.files.requests) { $0.replacingOccurrences(of: #""total_ms""#, with: #""other_ms""#) }
            let error = try #require(throws: ResultsReadError.self) {
                try RunResultsLoader.load(paths: [report.files.summary])
            }
            #expect(error.description.contains(#"line 1: not a request record: it has no "total_ms""#))
        }
    }

    @Test func aCutOffLastLineIsSkippedAndCounted() async throws {
        try await withTemporaryDirectory { directory in
            let report = try await writeSweepRun(into: directory)
            let whole = try lines(ofFile: report.files.requests)
            let handle = try #require(FileHandle(forWritingAtPath: report.files.requests))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(whole[0].prefix(70).utf8))
            try handle.close()
            let run = try #require(try RunResultsLoader.load(paths: [report.files.summary]).first)
            #expect(run.records.count == whole.count)
            #expect(run.truncatedRecordLines == 1)
        }
    }

    @Test func aWholeLastLineWithoutItsNewlineIsRead() async throws {
        try await withTemporaryDirectory { directory in
            let report = try await writeSweepRun(into: directory)
            try rewrite(report.files.requests) { String($0.dropLast()) }
            let run = try #require(try RunResultsLoader.load(paths: [report.files.summary]).first)
            #expect(run.records.count == 8 && run.truncatedRecordLines == 0)
        }
    }

    @Test func anEmptySummaryWithoutItsResultsFileSaysWhatIsMissing() async throws {
        try await withTemporaryDirectory { directory in
            let report = try await writeSweepRun(into: directory)
            try Data().write(to: URL(fileURLWithPath: report.files.summary))
            try FileManager.default.removeItem(atPath: report.files.results)
            #expect(throws: ResultsReadError.unfinishedSummary(path: report.files.summary)) {
                try RunResultsLoader.load(paths: [report.files.requests])
            }
        }
    }

    @Test func aSummaryThatIsNotJSONIsRefused() async throws {
        try await withTemporaryDirectory { directory in
            let report = try await writeSweepRun(into: directory)
            try rewrite(report.files.summary) { $0.replacingOccurrences(of: #""run_id""#, with: #""id""#) }
            let error = try #require(throws: ResultsReadError.self) {
                try RunResultsLoader.load(paths: [report.files.summary])
            }
            #expect(error == .corruptSummary(path: report.files.summary, reason: #""run_id" is missing or not text"#))
        }
    }

    @Test func pathsThatNameNoRunAreRefused() async throws {
        try await withTemporaryDirectory { directory in
            #expect(throws: ResultsReadError.notFound(path: directory + "/none.csv")) {
                try RunResultsLoader.load(paths: [directory + "/none.csv"])
            }
            #expect(throws: ResultsReadError.noRunsInFolder(path: directory)) {
                try RunResultsLoader.load(paths: [directory])
            }
            try "x".write(toFile: directory + "/notes.txt", atomically: true, encoding: .utf8)
            #expect(throws: ResultsReadError.notAResultFile(path: directory + "/notes.txt")) {
                try RunResultsLoader.load(paths: [directory + "/notes.txt"])
            }
        }
    }

    // MARK: - Files from before cases and records named their step

    /// Rewrites the run's summary and requests file as llm-bench wrote them before `case` and
    /// `step` were in the summary's cases and `step` in every record.
    private func makeOld(_ report: BenchmarkReport) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: report.files.summary))
        var summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cases = try #require(summary["cases"] as? [[String: Any]])
        summary["cases"] = cases.map { object in object.filter { $0.key != "case" && $0.key != "step" } }
        try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])
            .write(to: URL(fileURLWithPath: report.files.summary))
        try rewrite(report.files.requests) {
            $0.replacingOccurrences(of: #","step":[0-9]+"#, with: "", options: .regularExpression)
        }
    }

    @Test func oldFilesTakeEachStepFromTheRequestIDsAndMatchRowsInOrder() async throws {
        try await withTemporaryDirectory { directory in
            let report = try await writeSweepRun(into: directory)
            let current = try #require(try RunResultsLoader.load(paths: [report.files.summary]).first)
            try makeOld(report)
            #expect(try !String(contentsOfFile: report.files.requests, encoding: .utf8).contains(#""step""#))
            let old = try #require(try RunResultsLoader.load(paths: [report.files.summary]).first)
            #expect(old.cases.map { [$0.caseIndex, $0.step] } == [[0, 0], [0, 1], [1, 0], [1, 1]])
            #expect(old.records.map(\.step) == current.records.map(\.step))
            #expect(old.cases.map(\.columns) == current.cases.map(\.columns))
        }
    }

    @Test func oldRowsThatDoNotMatchTheirRequestsAreRefused() async throws {
        try await withTemporaryDirectory { directory in
            let report = try await writeSweepRun(into: directory)
            try makeOld(report)
            try rewrite(report.files.requests) { text in
                text.split(separator: "\n").dropFirst().joined(separator: "\n") + "\n"
            }
            let error = try #require(throws: ResultsReadError.self) {
                try RunResultsLoader.load(paths: [report.files.summary])
            }
            #expect(
                error
                    == .unmatchedOldRows(
                        path: report.files.summary,
                        reason: "row 1 counts 2 requests, but case 0 step 0 has 1 in the requests file"
                    )
            )
        }
    }

    @Test func oldFilesOfARunWithoutASweepMatchRowsToCases() async throws {
        try await withTemporaryDirectory { directory in
            let report = try await writeSweepRun(into: directory, isSwept: false)
            try makeOld(report)
            let old = try #require(try RunResultsLoader.load(paths: [report.files.summary]).first)
            #expect(old.cases.map { [$0.caseIndex, $0.step] } == [[0, 0], [1, 0]])
            #expect(old.cases.map { $0.number("input_tokens") } == [4, 6])
        }
    }

    @Test func oldFilesOfASweepCalledARunWithoutOneAreRefused() async throws {
        try await withTemporaryDirectory { directory in
            let report = try await writeSweepRun(into: directory)
            try makeOld(report)
            try rewrite(report.files.summary) {
                $0.replacingOccurrences(of: #""mode":"sweep""#, with: #""mode":"waves""#)
            }
            let error = try #require(throws: ResultsReadError.self) {
                try RunResultsLoader.load(paths: [report.files.summary])
            }
            #expect(error.description.contains("ran at step 1, but the config as run did not sweep"))
        }
    }
}
