import Foundation
import LLMBenchSimulator
import Testing

@testable import LLMBench

/// Where a request sits in time, as the requests file holds it and the loader reads it back:
/// failed requests on the run's clock too, ends at the last attempt's end, old files placed.
struct RecordTimesTests {
    /// The record one requests-file line holds.
    static func record(_ line: String) throws -> RecordSample {
        try Array(line.utf8).withUnsafeBytes { bytes in
            var scanner = JSONLineScanner(bytes, range: 0..<bytes.count)
            return try RecordSample.scanning(&scanner).0
        }
    }

    @Test func aFailedRequestRecordsTheClockOfItsLastAttempt() async throws {
        try await withTemporaryDirectory { directory in
            let options = SimulatorOptions(
                latency: .deterministic(timeToFirstTokenMilliseconds: 2, interTokenMilliseconds: 1),
                faults: .only(.http500, firstRequests: 2)
            )
            let before = Int64(MonotonicClock.now())
            let report = try await withSimulatedServer(options: options) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 2, concurrency: 2)
                config.retry.maxRetries = 0
                config.cases = [BenchmarkCase(inputTokens: 4, outputTokens: 3)]
                config.load.warmup = 0
                return try await BenchmarkRunner(config: config).run()
            }
            let run = try #require(try RunResultsLoader.load(paths: [report.files.summary]).first)
            let failed = run.records.filter { !$0.isSuccess }
            let succeeded = run.records.filter(\.isSuccess)
            #expect(failed.count == 2)
            let earliest = try #require(succeeded.map(\.sendClockNanoseconds).min())
            for record in failed {
                // The failures ran first, on the same clock as the successes.
                #expect(record.sendClockNanoseconds >= before)
                #expect(record.sendClockNanoseconds <= earliest)
                #expect(record.endOffsetMilliseconds >= record.sendOffsetMilliseconds)
            }
        }
    }

    @Test func aRetriedRequestEndsAtItsLastAttemptsEnd() throws {
        let line =
            #"{"case":0,"step":0,"input_tokens":4,"output_tokens":3,"run":0,"index":0,"request_id":"r","status":"ok","warmup":false,"start_offset_ms":0.25,"send_offset_ms":102,"end_offset_ms":127.5,"send_clock_ns":5,"total_ms":127.2,"output_tokens_counted":3}"#
        let record = try Self.record(line)
        #expect(record.endOffsetMilliseconds == 127.5)
        #expect(abs(record.lastAttemptMilliseconds - 25.5) < 1e-9)
    }

    @Test func anOldRecordEndsAtItsFirstStartPlusItsTotalTime() throws {
        let line =
            #"{"case":0,"input_tokens":4,"output_tokens":3,"run":0,"index":0,"request_id":"llmb-a-c0-s0-r0-i0-a2","status":"ok","warmup":false,"start_offset_ms":0.25,"send_offset_ms":102,"send_clock_ns":5,"total_ms":127.2,"output_tokens_counted":3}"#
        let record = try Self.record(line)
        #expect(record.endOffsetMilliseconds == 0.25 + 127.2)
    }

    @Test(arguments: ["1e400", "-1e13", "2e12"])
    func aTimeBeyondAnyRunIsRefused(value: String) {
        let line =
            #"{"case":0,"step":0,"input_tokens":4,"output_tokens":3,"run":0,"index":0,"request_id":"r","status":"ok","warmup":false,"start_offset_ms":0,"send_offset_ms":1,"send_clock_ns":5,"total_ms":2,"ttft_ms":"#
            + value + #","output_tokens_counted":3}"#
        #expect(throws: JSONLineScanner.Failure.self) { try Self.record(line) }
    }

    @Test func anOldFailedRecordWithoutAClockIsPlacedOnItsCasesClock() async throws {
        try await withTemporaryDirectory { directory in
            let report = try await writeSweepRun(into: directory, isSwept: false)
            // As files written before failed requests kept their clock: the first record failed at 0.
            try rewrite(report.files.requests) { text in
                var lines = text.split(separator: "\n").map(String.init)
                let clock = try #require(lines[0].firstMatch(of: /"send_clock_ns":(\d+)/))
                lines[0] = lines[0].replacingOccurrences(of: String(clock.0), with: #""send_clock_ns":0"#)
                return lines.joined(separator: "\n") + "\n"
            }
            let original = try #require(try RunResultsLoader.load(paths: [report.files.summary]).first)
            let placed = original.records[0]
            let sibling = try #require(
                original.records.dropFirst().first { $0.caseIndex == placed.caseIndex && $0.step == placed.step }
            )
            let expected =
                Double(sibling.sendClockNanoseconds)
                + (placed.sendOffsetMilliseconds - sibling.sendOffsetMilliseconds) * 1e6
            #expect(abs(Double(placed.sendClockNanoseconds) - expected) < 2)
        }
    }
}
