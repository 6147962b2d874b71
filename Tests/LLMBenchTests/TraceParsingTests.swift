import Foundation
import Testing

@testable import LLMBench

/// Each trace format read as published, its errors naming the line, and the cuts of a long trace.
struct TraceParsingTests {
    static func settings(_ format: TraceFormat, configure: (inout TraceSettings) -> Void = { _ in }) -> TraceSettings {
        var settings = TraceSettings(path: "trace", format: format)
        configure(&settings)
        return settings
    }

    static func parse(_ text: String, _ format: TraceFormat, configure: (inout TraceSettings) -> Void = { _ in })
        throws(TraceError) -> Trace
    {
        try Trace.parse(text, settings: settings(format, configure: configure), path: "trace")
    }

    /// The error `text` fails with, or nil.
    static func failure(_ text: String, _ format: TraceFormat, configure: (inout TraceSettings) -> Void = { _ in })
        -> TraceError?
    {
        do {
            _ = try parse(text, format, configure: configure)
            return nil
        } catch {
            return error
        }
    }

    @Test func mooncakeLinesKeepTheirLengthsBlocksAndMillisecondOffsets() throws {
        let trace = try Self.parse(
            """
            {"timestamp": 0, "input_length": 700, "output_length": 12, "hash_ids": [0, 1]}
            {"timestamp": 0, "input_length": 1100, "output_length": 30, "hash_ids": [0, 2, 3]}

            {"timestamp": 1250, "input_length": 90, "output_length": 5, "hash_ids": [4]}
            """,
            .mooncake
        )
        #expect(trace.entries.map(\.inputTokens) == [700, 1100, 90])
        #expect(trace.entries.map(\.outputTokens) == [12, 30, 5])
        #expect(trace.entries.map(\.hashIDs) == [[0, 1], [0, 2, 3], [4]])
        #expect(trace.entries.map(\.line) == [1, 2, 4])
        #expect(trace.offsetsNanoseconds == [0, 0, 1_250_000_000])
    }

    @Test func azureDatesBecomeOffsetsFromTheFirstRow() throws {
        let trace = try Self.parse(
            """
            TIMESTAMP,ContextTokens,GeneratedTokens
            2023-11-16 18:15:46.6805900,374,44
            2023-11-16 18:15:50.9951690,396,109
            2023-11-16 23:59:59.9999999,879,2
            2023-11-17 00:00:00.0000000,91,7
            """,
            .azure
        )
        #expect(trace.entries.map(\.inputTokens) == [374, 396, 879, 91])
        #expect(trace.entries.map(\.outputTokens) == [44, 109, 2, 7])
        #expect(trace.offsetsNanoseconds[1] == 4_314_579_000)
        #expect(trace.offsetsNanoseconds[3] - trace.offsetsNanoseconds[2] == 100, "a day boundary is 100 ns later")
    }

    @Test func azureDatesWithAZoneAreReadInUTC() throws {
        let trace = try Self.parse(
            """
            TIMESTAMP,ContextTokens,GeneratedTokens
            2024-05-10 00:00:00.009930+00:00,2048,28
            2024-05-10 02:00:01.5+02:00,100,10
            2024-05-10T00:00:02Z,100,10
            """,
            .azure
        )
        #expect(trace.offsetsNanoseconds == [0, 1_490_070_000, 1_990_070_000])
    }

    @Test func burstGPTReadsSecondsByColumnNameAndLeavesOutFailedRows() throws {
        let trace = try Self.parse(
            """
            Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type
            5,ChatGPT,472,18,490,Conversation log
            45,ChatGPT,1087,0,1087,Conversation log
            45.5,GPT-4,417,213,630,API log
            """,
            .burstgpt
        )
        #expect(trace.entries.map(\.inputTokens) == [472, 417])
        #expect(trace.entries.map(\.outputTokens) == [18, 213])
        #expect(trace.offsetsNanoseconds == [0, 40_500_000_000])
        #expect(trace.skippedLines == [3])
    }

    @Test func llmBenchLinesCarryBlocksOrAWrittenPrompt() throws {
        let trace = try Self.parse(
            """
            {"offset_ms": 0, "input_tokens": 40, "output_tokens": 8, "hash_ids": [7]}
            {"offset_ms": 12.5, "output_tokens": 4, "prompt": "Xin chào"}
            {"offset_ms": 30, "input_tokens": 9, "output_tokens": 4, "prompt": "Xin chào bạn"}
            """,
            .jsonl
        ) { $0.blockTokens = 32 }
        #expect(trace.entries.map(\.hashIDs) == [[7], [], []])
        #expect(trace.entries.map(\.prompt) == [nil, "Xin chào", "Xin chào bạn"])
        #expect(trace.entries.map(\.inputTokens) == [40, 0, 9])
        #expect(trace.offsetsNanoseconds == [0, 12_500_000, 30_000_000])
    }

    @Test(
        arguments: [
            (
                TraceFormat.mooncake,
                "{\"timestamp\": 0, \"input_length\": 5, \"output_length\": 1}\n{\"timestamp\": 3, oops}\n", 2
            ),
            (.mooncake, "{\"timestamp\": 0, \"input_length\": 5}\n", 1),
            (.mooncake, "{\"timestamp\": -4, \"input_length\": 5, \"output_length\": 1}\n", 1),
            (.mooncake, "{\"timestamp\": 0, \"input_length\": 5.5, \"output_length\": 1}\n", 1),
            (.mooncake, "{\"timestamp\": 0, \"input_length\": 5, \"output_length\": 1, \"hash_ids\": [\"a\"]}\n", 1),
            (.jsonl, "\n\n{\"offset_ms\": \"soon\", \"input_tokens\": 5, \"output_tokens\": 1}\n", 3),
            (.jsonl, "{\"offset_ms\": 0, \"output_tokens\": 1, \"prompt\": \"hi\", \"hash_ids\": [1]}\n", 1),
            (
                .azure,
                "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.68,3,4\n2023-13-16 18:15:47,3,4\n", 3
            ),
            (.azure, "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46,3\n", 2),
            (.azure, "TIMESTAMP,ContextTokens,GeneratedTokens\nyesterday,3,4\n", 2),
            (.burstgpt, "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n1,m,x,4,4,API log\n", 2),
            (
                .burstgpt,
                "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n1e3,m,3,4,7,API log\n", 2
            ),
        ]
    )
    func aMalformedLineIsNamedWithItsNumber(format: TraceFormat, text: String, line: Int) throws {
        let error = try #require(Self.failure(text, format))
        guard case .malformed(let path, let named, let namedFormat, _) = error else {
            Issue.record("expected a malformed line, got \(error)")
            return
        }
        #expect(path == "trace" && named == line && namedFormat == format)
        #expect(error.description.contains("line \(line)"))
        #expect(error.description.contains("format: \(format.rawValue)"))
    }

    @Test func aHeaderWithoutTheFormatsColumnsNamesThem() throws {
        let error = try #require(Self.failure("Timestamp,Model,Request tokens,Total tokens\n1,m,3,7\n", .burstgpt))
        #expect(
            error
                == .missingColumns(
                    path: "trace",
                    format: .burstgpt,
                    missing: ["Response tokens"],
                    found: ["Timestamp", "Model", "Request tokens", "Total tokens"]
                )
        )
        #expect(error.description.contains("'Response tokens'"))
        let azure = try #require(Self.failure("time,ContextTokens\n", .azure))
        guard case .missingColumns(_, _, let missing, _) = azure else {
            Issue.record("expected missing columns, got \(azure)")
            return
        }
        #expect(missing == ["TIMESTAMP", "GeneratedTokens"])
    }

    @Test func aRowEarlierThanTheOneAboveIsRefused() throws {
        let error = try #require(
            Self.failure(
                """
                {"timestamp": 0, "input_length": 5, "output_length": 1}
                {"timestamp": 900, "input_length": 5, "output_length": 1}
                {"timestamp": 400, "input_length": 5, "output_length": 1}
                """,
                .mooncake
            )
        )
        #expect(error == .outOfOrder(path: "trace", line: 3, previousLine: 2))
        #expect(error.description.contains("sort the file"))
    }

    @Test func moreHashIDsThanTheLengthHasBlocksIsRefused() throws {
        let line = "{\"timestamp\": 0, \"input_length\": 600, \"output_length\": 1, \"hash_ids\": [1, 2, 3]}"
        let error = try #require(Self.failure(line, .mooncake))
        #expect(error.description.contains("block_tokens"))
        #expect(try Self.parse(line, .mooncake) { $0.blockTokens = 200 }.entries.count == 1)
    }

    @Test func maxRequestsAndDurationStopALongerTrace() throws {
        let text = (0..<50).map { "{\"timestamp\": \($0 * 100), \"input_length\": 5, \"output_length\": 1}" }
            .joined(separator: "\n")
        #expect(try Self.parse(text, .mooncake) { $0.maxRequests = 7 }.entries.count == 7)
        // 2 s of replay at speed 2 is 4 s of trace: rows at 0, 100, …, 3900 ms.
        let cut = try Self.parse(text, .mooncake) {
            $0.durationSeconds = 2
            $0.speed = 2
        }
        #expect(cut.entries.count == 40)
        #expect(cut.offsetsNanoseconds.last == 1_950_000_000)
        #expect(cut.offsetsNanoseconds.prefix(3) == [0, 50_000_000, 100_000_000])
    }

    @Test func aTraceWithNothingToSendIsAnError() throws {
        let error = try #require(Self.failure("TIMESTAMP,ContextTokens,GeneratedTokens\n", .azure))
        guard case .empty = error else {
            Issue.record("expected an empty trace, got \(error)")
            return
        }
        #expect(Self.failure("", .burstgpt) != nil)
    }

    @Test func aMissingFileNamesWhereItWasLookedFor() throws {
        #expect(throws: TraceError.notFound(path: "gone.csv", searched: ["gone.csv", "configs/gone.csv"])) {
            try Trace.load(TraceSettings(path: "gone.csv", format: .azure), configPath: "configs/x.yaml")
        }
    }

    @Test func datesCountDaysFromTheEpoch() {
        #expect(TraceTime.daysSinceEpoch(year: 1970, month: 1, day: 1) == 0)
        #expect(TraceTime.daysSinceEpoch(year: 2000, month: 3, day: 1) == 11_017)
        #expect(TraceTime.daysSinceEpoch(year: 2024, month: 2, day: 29) == 19_782)
        #expect(TraceTime.nanoseconds(decimal: "0.000000001999", unitNanoseconds: 1_000_000_000) == 1)
        #expect(TraceTime.nanoseconds(decimal: "-1", unitNanoseconds: 1) == nil)
    }

    static let exampleTraces: [(String, TraceFormat, Int)] = [
        ("mooncake-example.jsonl", .mooncake, 512),
        ("azure-example.csv", .azure, 512),
        ("burstgpt-example.csv", .burstgpt, 512),
        ("llm-bench-example.jsonl", .jsonl, 128),
    ]

    @Test(arguments: exampleTraces)
    func theShippedExampleTracesParse(name: String, format: TraceFormat, blockTokens: Int) throws {
        var settings = TraceSettings(path: "traces/" + name, format: format)
        settings.blockTokens = blockTokens
        let trace = try Trace.load(settings, configPath: packageRoot + "/configs/trace-replay.yaml")
        #expect((15...50).contains(trace.entries.count))
        #expect(trace.offsetsNanoseconds.first == 0)
        #expect(zip(trace.offsetsNanoseconds, trace.offsetsNanoseconds.dropFirst()).allSatisfy { $0 <= $1 })
    }
}
