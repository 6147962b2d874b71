import Foundation
import LLMBenchSimulator
import LLMBenchSupport
import Testing

@testable import LLMBench

/// Traces replayed against the simulator: arrivals at the trace's scaled offsets, in its order,
/// each request with its own lengths; and the prompts of `hash_ids` blocks shared exactly.
struct TraceReplayTests {
    /// Runs one trace case of `text` (written to a file) against a fast simulator.
    static func replay(
        _ text: String,
        format: TraceFormat,
        configure: (inout TraceSettings) -> Void = { _ in },
        load: (inout LoadSettings) -> Void = { _ in }
    ) async throws -> (BenchmarkReport, [[String: Any]], [RequestTruth]) {
        typealias Run = (BenchmarkReport, [String], [RequestTruth])
        let (report, requestLines, truths) = try await withTemporaryDirectory {
            (directory: String) async throws -> Run in
            let path = directory + "/trace." + (format == .azure || format == .burstgpt ? "csv" : "jsonl")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            var settings = TraceSettings(path: path, format: format)
            configure(&settings)
            let options = SimulatorOptions(
                latency: .deterministic(timeToFirstTokenMilliseconds: 1, interTokenMilliseconds: 1)
            )
            return try await withSimulatedServer(options: options) { (server: SimulatedServer) async throws -> Run in
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 2)
                config.cases = [BenchmarkCase(workload: .trace(settings))]
                load(&config.load)
                let report = try await BenchmarkRunner(config: config).run()
                return (report, try lines(ofFile: report.files.requests), server.truths().filter(\.isStreaming))
            }
        }
        let records = try jsonObjects(requestLines).sorted { ($0["index"] as? Int ?? 0) < ($1["index"] as? Int ?? 0) }
        return (report, records, truths)
    }

    /// The request index in an `X-Request-Id` (`…-i{index}-a{attempt}`).
    static func index(of requestID: String) -> Int? {
        // From the end: the run id before it is random and may itself begin with an `i`.
        requestID.split(separator: "-").dropLast().last.flatMap { $0.first == "i" ? Int($0.dropFirst()) : nil }
    }

    /// Milliseconds as the requests file writes a nanosecond offset.
    static func milliseconds(_ nanoseconds: UInt64) -> Double { Double(nanoseconds) / 1e6 }

    /// With one request in flight at a time, the server's arrival order is the start order.
    @Test func aMooncakeTraceArrivesAtItsScaledOffsetsInItsOrderWithItsLengths() async throws {
        let rows: [(ms: Int, input: Int, output: Int)] = [
            (0, 20, 3), (10, 33, 2), (20, 17, 4), (20, 40, 2), (35, 25, 3), (36, 18, 5), (60, 50, 2), (61, 21, 3),
        ]
        let text = rows.map {
            "{\"timestamp\": \($0.ms), \"input_length\": \($0.input), \"output_length\": \($0.output), \"hash_ids\": [1]}"
        }.joined(separator: "\n")
        let (report, records, truths) = try await Self.replay(
            text,
            format: .mooncake,
            configure: {
                $0.speed = 2
                $0.blockTokens = 64
            },
            load: { $0.maxConcurrency = 1 }
        )
        #expect(truths.count == rows.count)
        #expect(records.count == rows.count)
        let scheduled = records.compactMap { $0["scheduled_offset_ms"] as? Double }
        #expect(scheduled == rows.map { Self.milliseconds(UInt64($0.ms) * 1_000_000 / 2) })
        let arrivalOrder = truths.sorted { $0.receivedNanoseconds < $1.receivedNanoseconds }.map(\.requestID)
        #expect(arrivalOrder == records.compactMap { $0["request_id"] as? String })
        #expect(arrivalOrder.compactMap(Self.index) == Array(rows.indices))
        for truth in truths {
            let row = rows[try #require(Self.index(of: truth.requestID))]
            #expect(truth.promptTokens == row.input, "prompt exact in the server's tokens")
            #expect(truth.maxTokens == row.output)
        }
        let summary = try #require(report.cases.first)
        #expect(summary.successfulRequests == rows.count)
        #expect(summary.load.mode == "trace")
        let meanRate = try #require(summary.load.targetRate)
        #expect(abs(meanRate - Double(rows.count - 1) / 0.0305) < 1e-9, "the trace's mean rate as replayed")
        #expect(summary.latency[.scheduleLag] != nil && summary.latency[.intendedTTFT] != nil)
    }

    @Test func anAzureTraceSendsEveryRowOnScheduleItsFirstRowsAsWarmUp() async throws {
        let text = """
            TIMESTAMP,ContextTokens,GeneratedTokens
            2023-11-16 18:15:46.0000000,30,2
            2023-11-16 18:15:46.0000000,12,3
            2023-11-16 18:15:46.0125000,44,2
            2023-11-16 18:15:46.0200010,9,4
            2023-11-16 18:15:46.0400000,27,2
            2023-11-16 18:15:46.0410000,16,3
            2023-11-16 18:15:46.0800000,38,2
            """
        let (report, records, truths) = try await Self.replay(text, format: .azure, load: { $0.warmup = 2 })
        #expect(truths.count == 7)
        #expect(records.map { $0["warmup"] as? Bool == true } == [true, true, false, false, false, false, false])
        // The requests file writes offsets to the microsecond.
        let scheduled = records.compactMap { $0["scheduled_offset_ms"] as? Double }
        let offsets: [UInt64] = [0, 0, 12_500_000, 20_001_000, 40_000_000, 41_000_000, 80_000_000]
        #expect(scheduled == offsets.map(Self.milliseconds))
        let inputs = [30, 12, 44, 9, 27, 16, 38]
        for truth in truths {
            #expect(truth.promptTokens == inputs[try #require(Self.index(of: truth.requestID))])
        }
        #expect(report.cases.first?.successfulRequests == 5)
    }

    @Test func maxRequestsAndDurationStopTheReplay() async throws {
        let rows = (0..<30).map { "\($0 * 2 / 10),GPT-4,\(10 + $0),\($0 == 3 ? 0 : 2),0,API log" }
        let text =
            "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n" + rows.joined(separator: "\n")
        // Rows at 0, 0, 0, 0 (no response: left out), 0, 1 s, …: a 0.5 s replay at speed 4 keeps
        // the rows within 2 s of trace, those with seconds 0 and 1.
        let (_, records, truths) = try await Self.replay(
            text,
            format: .burstgpt,
            configure: {
                $0.speed = 4
                $0.durationSeconds = 0.5
            }
        )
        #expect(truths.count == 9)
        #expect(records.compactMap { $0["scheduled_offset_ms"] as? Double }.max() == 250)
        #expect(truths.allSatisfy { $0.promptTokens != 13 }, "the row without response tokens is not sent")
        let (_, _, limited) = try await Self.replay(text, format: .burstgpt, configure: { $0.maxRequests = 4 })
        #expect(limited.count == 4)
    }

    /// Request i's prompt: blocks of 16 tokens after `hash_ids`, then its own text.
    @Test func requestsWithTheSameLeadingHashIDsShareThoseBlocksExactly() async throws {
        let rows: [(ids: [Int], input: Int)] = [
            ([1, 2, 3], 40), ([1, 2, 4], 44), ([1, 5], 30), ([9], 10), ([1, 2, 3], 36), ([], 25), ([7, 2], 20),
        ]
        let text = rows.map {
            "{\"offset_ms\": 0, \"input_tokens\": \($0.input), \"output_tokens\": 1, \"hash_ids\": \($0.ids)}"
        }
        .joined(separator: "\n")
        try await withTemporaryDirectory { directory in
            let path = directory + "/blocks.jsonl"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            try await withSimulatedServer(options: instantSimulator) { server in
                let (builder, client) = try await WorkloadTests.builder(server: server)
                var settings = TraceSettings(path: path, format: .jsonl)
                settings.blockTokens = 16
                var random = SeededRandom(seed: 15)
                let outcome = try await builder.requests(
                    for: BenchmarkCase(workload: .trace(settings)),
                    count: 1,
                    random: &random
                )
                await client.close()
                let special = builder.tokenizer.specialTokens
                let tokenizer = SimulatedTokenizer()
                let texts = outcome.requests.map(\.prompt.text)
                let ids = texts.map { tokenizer.tokenize($0) }
                #expect(ids.map(\.count) == rows.map { $0.input - special }, "each prompt exact")
                #expect(outcome.requests.allSatisfy { $0.prompt.tokens == $0.prompt.target })
                let twoBlocks = tokenizer.detokenize(Array(ids[0].prefix(32)))
                #expect(texts[0].hasPrefix(twoBlocks) && texts[1].hasPrefix(twoBlocks), "blocks 1, 2 shared")
                #expect(ids[0][32...] != ids[1][32..<40], "blocks 3 and 4 differ")
                let oneBlock = tokenizer.detokenize(Array(ids[0].prefix(16)))
                #expect(texts[2].hasPrefix(oneBlock), "block 1 shared")
                #expect(ids[2][16...] != ids[0][16..<30], "block 5 is not block 2")
                #expect(ids[4] == Array(ids[0].prefix(36)), "the same blocks, shorter: their first tokens")
                for other in [3, 5, 6] { #expect(ids[other].first != ids[0].first, "request \(other) shares nothing") }
                #expect(outcome.trace?.entries.count == rows.count)
            }
        }
    }

    /// One request at a time against the simulator's prefix cache (blocks of 16, as the trace's):
    /// a request hits the full blocks its leading hash ids share with an earlier one, never more.
    @Test func sharedLeadingHashIDsAreThePrefixCacheHitsTheTraceImplies() async throws {
        let rows: [(ids: [Int], input: Int, cached: Int)] = [
            ([1, 2, 3], 48, 0), ([1, 2, 4], 48, 32), ([9], 16, 0), ([1, 5], 30, 16), ([1, 2, 3], 40, 32),
        ]
        let text = rows.enumerated().map { index, row in
            "{\"timestamp\": \(index), \"input_length\": \(row.input), \"output_length\": 2, \"hash_ids\": \(row.ids)}"
        }.joined(separator: "\n")
        let (_, records, truths) = try await Self.replay(
            text,
            format: .mooncake,
            configure: { $0.blockTokens = 16 },
            load: {
                $0.maxConcurrency = 1
                $0.warmup = 0
            }
        )
        #expect(records.map { $0["cached_tokens"] as? Int } == rows.map(\.cached))
        let byIndex = Dictionary(
            uniqueKeysWithValues: truths.compactMap { truth in Self.index(of: truth.requestID).map { ($0, truth) } }
        )
        #expect(rows.indices.map { byIndex[$0]?.cachedTokens } == rows.map(\.cached), "the simulator's own count")
    }
}
