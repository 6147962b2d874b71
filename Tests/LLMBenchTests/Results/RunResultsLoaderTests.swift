import Foundation
import Testing

@testable import LLMBench

struct RunResultsLoaderTests {
    @Test func aRunWrittenByTheEngineLoadsBackWithEveryCaseAndRecord() async throws {
        try await withTemporaryDirectory { directory in
            let report = try await writeSweepRun(into: directory, format: .jsonl)
            let runs = try RunResultsLoader.load(paths: [report.files.summary])
            let run = try #require(runs.first)
            #expect(runs.count == 1)
            #expect(run.runID == report.files.runID)
            #expect(run.tool == "llm-bench" && run.version == LLMBenchVersion.current)
            #expect(run.seed == 7)
            #expect(!run.wasInterrupted)
            #expect(run.files.results == report.files.results && run.files.requests == report.files.requests)
            #expect(run.definitions.keys.sorted() == MetricDefinitions.all.map(\.name).sorted())
            #expect(run.truncatedRecordLines == 0)

            #expect(run.cases.map { [$0.caseIndex, $0.step] } == report.cases.map { [$0.caseIndex, $0.step] })
            #expect(run.cases.map { [$0.caseIndex, $0.step] } == [[0, 0], [0, 1], [1, 0], [1, 1]])
            let summary = try decodedObject(String(contentsOfFile: report.files.summary, encoding: .utf8))
            guard case .array(let summaryCases)? = summary["cases"] else { throw CocoaError(.coderReadCorrupt) }
            let rows = try lines(ofFile: report.files.results).map(decodedObject)
            for (position, loaded) in run.cases.enumerated() {
                guard case .object(var written) = summaryCases[position] else { throw CocoaError(.coderReadCorrupt) }
                written["case"] = nil
                written["step"] = nil
                #expect(
                    written.removeValue(forKey: "started_at_unix_ns")
                        == loaded.startedAtUnixNanoseconds.map { .integer(Int($0)) }
                )
                #expect(loaded.columns == written)
                #expect(Set(loaded.columns.keys) == Set(rows[position].keys), "every results column")
                #expect(loaded.text("model") == "llm-bench-sim")
                #expect(loaded.number("successful_requests") == 2)
            }
            guard case .object(let config) = run.config else { throw CocoaError(.coderReadCorrupt) }
            #expect(config["model"] == .string("llm-bench-sim"))

            let lines = try lines(ofFile: report.files.requests)
            #expect(run.records.count == 8 && lines.count == 8)
            for (record, line) in zip(run.records, lines) {
                try expectRecord(record, equals: try decodedObject(line))
            }
            #expect(run.records.contains { !$0.values(of: .itl).isEmpty })
        }
    }

    /// `record` holds exactly what `line` (as Foundation's decoder reads it) holds.
    private func expectRecord(_ record: RecordSample, equals line: [String: JSONValue]) throws {
        #expect(line["case"] == .integer(record.caseIndex))
        #expect(line["step"] == .integer(record.step))
        #expect(line["run"] == .integer(record.run))
        #expect(line["index"] == .integer(record.index))
        #expect(line["request_id"] == .string(record.requestID))
        #expect(line["status"] == .string(record.isSuccess ? "ok" : "failed"))
        #expect(line["warmup"] == .bool(record.isWarmup))
        #expect(line["input_tokens"] == .integer(record.requestedInputTokens))
        #expect(line["output_tokens"] == .integer(record.requestedOutputTokens))
        #expect(line["send_clock_ns"]?.numberValue == Double(record.sendClockNanoseconds))
        #expect(line["start_offset_ms"]?.numberValue == record.startOffsetMilliseconds)
        #expect(line["send_offset_ms"]?.numberValue == record.sendOffsetMilliseconds)
        #expect(line["total_ms"]?.numberValue == record.totalMilliseconds)
        #expect(line["output_tokens_counted"] == .integer(record.outputTokensCounted))
        #expect(line["output_tokens_server"]?.numberValue == record.outputTokensServer.map(Double.init))
        #expect(line["finish_reason"] == record.finishReason.map(JSONValue.string) ?? .null)
        for metric in LatencyMetric.allCases where metric.recordSlot != nil {
            let field = line[metric.columnPrefix + "_ms"]
            if case .array(let values)? = field {
                #expect(values.map(\.numberValue) == record.values(of: metric).map { $0 }, "\(metric)")
            } else {
                #expect(field?.numberValue == record.latencies[metric], "\(metric)")
            }
        }
    }

    @Test(arguments: ["summary", "results", "requests"])
    func anyFileOfARunNamesTheWholeRun(_ kind: String) async throws {
        try await withTemporaryDirectory { directory in
            let report = try await writeSweepRun(into: directory)
            let path =
                switch kind {
                case "summary": report.files.summary
                case "results": report.files.results
                default: report.files.requests
                }
            let run = try #require(try RunResultsLoader.load(paths: [path]).first)
            #expect(run.runID == report.files.runID)
            #expect(run.files.summary == report.files.summary)
            #expect(run.files.results == report.files.results)
            #expect(run.files.requests == report.files.requests)
            #expect(run.files.stem == String(report.files.summary.dropLast("_summary.json".count)))
            #expect(run.cases.count == 4 && run.records.count == 8)
        }
    }

    @Test func aTurnsFileNamesItsRunAndIsNotTakenForItsResults() async throws {
        try await withTemporaryDirectory { directory in
            let report = try await writeSweepRun(into: directory)
            let stem = String(report.files.summary.dropLast("_summary.json".count))
            let turns = stem + "_turns.csv"
            #expect(FileManager.default.createFile(atPath: turns, contents: Data(TurnResultRow.csvHeader.utf8)))
            let run = try #require(try RunResultsLoader.load(paths: [turns]).first)
            #expect(run.runID == report.files.runID)
            #expect(run.files.results == report.files.results)
        }
    }

    @Test func aJSONLResultsFileNamesItsRun() async throws {
        try await withTemporaryDirectory { directory in
            let report = try await writeSweepRun(into: directory, format: .jsonl)
            #expect(report.files.results.hasSuffix(".jsonl"))
            let run = try #require(try RunResultsLoader.load(paths: [report.files.results]).first)
            #expect(run.runID == report.files.runID && run.files.results == report.files.results)
        }
    }

    @Test func aFolderMeansEveryRunInItByStartTimeThenRunID() async throws {
        try await withTemporaryDirectory { directory in
            let first = try await writeSweepRun(into: directory, prefix: "b")
            let second = try await writeSweepRun(into: directory, prefix: "a")
            try FileManager.default.createDirectory(atPath: directory + "/older", withIntermediateDirectories: true)
            let runs = try RunResultsLoader.load(paths: [directory])
            #expect(runs.count == 2, "subfolders are not searched")
            let expected = [first, second].map(\.files.runID)
            let loaded = runs.map(\.runID)
            if runs[0].startedAt == runs[1].startedAt {
                #expect(loaded == expected.sorted())
            } else {
                #expect(loaded == expected)
            }
            #expect(runs[0].startedAt <= runs[1].startedAt)
        }
    }

    @Test func aRunNamedTwiceIsLoadedOnce() async throws {
        try await withTemporaryDirectory { directory in
            let report = try await writeSweepRun(into: directory)
            let runs = try RunResultsLoader.load(paths: [
                report.files.results, directory, report.files.summary,
                directory + "/./" + URL(fileURLWithPath: report.files.requests).lastPathComponent,
            ])
            #expect(runs.map(\.runID) == [report.files.runID])
        }
    }

    @Test func runsOfSeveralPathsKeepTheOrderOfThePaths() async throws {
        try await withTemporaryDirectory { directory in
            let first = try await writeSweepRun(into: directory, prefix: "x")
            let second = try await writeSweepRun(into: directory, prefix: "y")
            let runs = try RunResultsLoader.load(paths: [second.files.summary, first.files.summary])
            #expect(runs.map(\.runID) == [second.files.runID, first.files.runID])
        }
    }
}
