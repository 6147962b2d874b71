import Foundation
import LLMBenchSimulator
import Testing

@testable import LLMBench

/// What issue 15's inputs do at their edges: Windows line ends, times past any run, a stop while a
/// trace's next arrival is far away, and a session case whose template cannot be measured.
struct InputRobustnessTests {
    @Test func tracesAndConversationFilesWithWindowsLineEndsReadAsWithLineFeeds() throws {
        let csv =
            "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\r\n"
            + "5,ChatGPT,472,18,490,Conversation log\r\n45.5,GPT-4,417,213,630,API log\r\n"
        let trace = try TraceParsingTests.parse(csv, .burstgpt)
        #expect(trace.entries.map(\.inputTokens) == [472, 417])
        #expect(trace.offsetsNanoseconds == [0, 40_500_000_000])
        let jsonl =
            "{\"timestamp\": 0, \"input_length\": 5, \"output_length\": 2, \"hash_ids\": [1]}\r\n"
            + "{\"timestamp\": 7, \"input_length\": 6, \"output_length\": 3, \"hash_ids\": [1]}\r\n"
        #expect(try TraceParsingTests.parse(jsonl, .mooncake).entries.count == 2)
        let conversations = try ConversationDataset.parse(
            "{\"turns\": [{\"user\": \"Một\"}]}\r\n{\"turns\": [{\"user\": \"Hai\"}]}\r\n",
            format: .jsonl,
            path: "c.jsonl",
            needsAnswers: false
        )
        #expect(conversations.map { $0.turns.map(\.user) } == [["Một"], ["Hai"]])
    }

    @Test func timesPastWhatNanosecondsHoldAreMalformedRowsNotACrash() {
        #expect(TraceTime.nanoseconds(decimal: "99999999999", unitNanoseconds: 1_000_000_000) == nil)
        #expect(
            TraceTime.nanoseconds(decimal: "9223372036", unitNanoseconds: 1_000_000_000) == 9_223_372_036_000_000_000
        )
        #expect(TraceTime.nanoseconds(date: "2263-01-01 00:00:00.0") == nil)
        #expect(TraceTime.nanoseconds(date: "20223-11-16 18:15:46.6805900") == nil)
        let failure = TraceParsingTests.failure(
            "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n"
                + "1,GPT-4,10,10,20,API log\n99999999999,GPT-4,10,10,20,API log\n",
            .burstgpt
        )
        guard case .malformed(_, let line, _, _)? = failure else {
            Issue.record("not a malformed line: \(String(describing: failure))")
            return
        }
        #expect(line == 3)
        #expect(TraceReplay.scaled(UInt64.max / 2, speed: 0.001) == 1 << 62, "a replay's time is bounded, never a trap")
    }

    @Test func aStopEndsATraceReplayWithoutWaitingForItsNextArrival() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/far.jsonl"
            try """
            {"offset_ms": 0, "input_tokens": 8, "output_tokens": 2}
            {"offset_ms": 3600000, "input_tokens": 8, "output_tokens": 2}
            """.write(toFile: path, atomically: true, encoding: .utf8)
            try await withSimulatedServer(options: instantSimulator) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 1)
                config.load.warmup = 0
                config.cases = [BenchmarkCase(workload: .trace(TraceSettings(path: path, format: .jsonl)))]
                let stop = StopRequest()
                let report = try await BenchmarkRunner(config: config).run(stop: stop) { event in
                    if case .requestFinished = event { stop.request() }
                }
                #expect(report.wasInterrupted)
                #expect(try lines(ofFile: report.files.requests).count == 1, "the hour-away arrival is never sent")
            }
        }
    }

    @Test func aSessionCaseWhoseTemplateProbeFailsSaysSoAndStillRuns() async throws {
        let recorder = EventRecorder()
        try await withTemporaryDirectory { directory in
            var options = SimulatorOptions(
                latency: .deterministic(timeToFirstTokenMilliseconds: 1, interTokenMilliseconds: 1)
            )
            options.faults = .only(.http500, firstRequests: 1)
            try await withSimulatedServer(options: options) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 1)
                config.api = .chat
                config.retry.maxRetries = 0
                config.load.warmup = 0
                config.cases = [BenchmarkCase(workload: .sessions(drawnSessions(turns: 2)))]
                let report = try await BenchmarkRunner(config: config).run(observer: recorder.observe)
                #expect(report.cases.first?.successfulRequests == 2)
            }
        }
        #expect(recorder.warnings.contains { if case .sessionTemplateUnmeasured = $0 { true } else { false } })
    }
}
