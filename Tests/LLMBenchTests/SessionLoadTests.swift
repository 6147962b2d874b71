import Foundation
import LLMBenchSimulator
import NIOCore
import Testing

@testable import LLMBench

/// Multi-turn sessions against the simulator: the order of turns, the history each carries (in the
/// server's own token counts) and what the load modes count.
struct SessionLoadTests {
    @Test func aTurnIsSentOnlyAfterTheWholeAnswerBeforeItAndTheThinkTime() async throws {
        let run = try await runSessions(drawnSessions(turns: 3, think: 0.02)) { config in
            config.runs = 1
            config.concurrency = 3
        }
        #expect(run.truths.count == 9)
        #expect(run.records.count == 9)
        for index in 0..<3 {
            for turn in 1..<3 {
                let before = try #require(run.truth(index: index, turn: turn))
                let after = try #require(run.truth(index: index, turn: turn + 1))
                let answerEnd = try #require(before.eventNanoseconds.last)
                #expect(after.receivedNanoseconds > answerEnd, "turn \(turn + 1) of session \(index) overlapped")
                // The client sleeps the think time after reading the answer's end, which the server wrote first.
                #expect(after.receivedNanoseconds - answerEnd >= 20_000_000)
            }
        }
    }

    @Test(arguments: [APIKind.chat, .completions])
    func eachTurnCarriesTheWholeHistoryAndItsExpectedLengthIsTheServers(api: APIKind) async throws {
        let run = try await runSessions(drawnSessions(turns: 4, user: 9, output: 6)) { config in
            config.api = api
            config.runs = 1
            config.concurrency = 2
        }
        #expect(run.truths.count == 8)
        for index in 0..<2 {
            for turn in 1..<4 {
                let before = try #require(run.truth(index: index, turn: turn))
                let after = try #require(run.truth(index: index, turn: turn + 1))
                #expect(before.completionTokens == 6)
                #expect(after.promptTokens == before.promptTokens + before.completionTokens + 9)
            }
            #expect(run.truth(index: index, turn: 1)?.promptTokens == 9)
        }
        for record in run.records {
            #expect(record["input_tokens"] as? Int == record["input_tokens_server"] as? Int, "\(record)")
        }
        #expect(run.report.cases.first?.inputMismatchRequests == 0)
    }

    @Test func aSystemPromptIsSharedByEverySessionAndCountedInEachTurn() async throws {
        let run = try await runSessions(drawnSessions(turns: 2, user: 7, output: 4, system: 12)) { config in
            config.runs = 1
            config.concurrency = 2
        }
        for index in 0..<2 {
            #expect(run.truth(index: index, turn: 1)?.promptTokens == 19)
            #expect(run.truth(index: index, turn: 2)?.promptTokens == 19 + 4 + 7)
        }
        for record in run.records {
            #expect(record["input_tokens"] as? Int == record["input_tokens_server"] as? Int, "\(record)")
        }
    }

    @Test func recordsNameTheirSessionAndTurnAndRequestIDsTheTurn() async throws {
        let run = try await runSessions(drawnSessions(turns: 2)) { config in
            config.runs = 1
            config.concurrency = 2
        }
        #expect(run.sessions == [0, 1])
        for session in 0..<2 {
            let records = run.records(ofSession: session)
            #expect(records.map { $0["turn"] as? Int } == [1, 2])
            let ids = records.compactMap { $0["request_id"] as? String }
            #expect(ids.count == 2)
            #expect(ids[0].hasSuffix("-r1-i\(session)-t1-a1"))
            #expect(ids[1].hasSuffix("-r1-i\(session)-t2-a1"))
        }
    }

    @Test func wavesStartRunsTimesConcurrencySessionsAndWaitForEachWave() async throws {
        let run = try await runSessions(drawnSessions(turns: 2)) { config in
            config.runs = 2
            config.concurrency = 3
            config.load.warmup = 1
        }
        let expected = (1 + 2 * 3) * 2
        #expect(run.records.count == expected)
        let warmup = run.records.filter { $0["warmup"] as? Bool == true }
        #expect(warmup.count == 2, "a warm-up session's turns are all warm-up")
        #expect(Set(warmup.compactMap { $0["session"] as? Int }) == [0])
        #expect(run.sessions.count == 7)
        // Every turn of wave 1 ends before any turn of wave 2 arrives.
        let wave1 = run.truths.filter { $0.requestID.contains("-r1-") }
        let wave2 = run.truths.filter { $0.requestID.contains("-r2-") }
        let wave1End = try #require(wave1.compactMap(\.eventNanoseconds.last).max())
        #expect(wave2.allSatisfy { $0.receivedNanoseconds > wave1End })
        #expect(run.report.cases.first?.successfulRequests == 12)
    }

    @Test func concurrencyModeKeepsNSessionsGoingForTheAskedSessions() async throws {
        let run = try await runSessions(drawnSessions(turns: 3)) { config in
            config.load.mode = .concurrency
            config.load.concurrency = 2
            config.load.requests = 5
        }
        #expect(run.sessions.count == 5)
        #expect(run.records.count == 15)
        #expect(run.mostInFlight == 2)
    }

    @Test func rateModeStartsSessionsAtTheRateWithTheScheduleOnTheFirstTurn() async throws {
        let run = try await runSessions(drawnSessions(turns: 3)) { config in
            config.load.mode = .rate
            config.load.rate = 200
            config.load.arrival = .constant
            config.load.maxConcurrency = 4
            config.load.requests = 4
        }
        #expect(run.sessions.count == 4)
        #expect(run.records.count == 12)
        for record in run.records {
            let isFirst = record["turn"] as? Int == 1
            #expect((record["scheduled_offset_ms"] as? Double != nil) == isFirst, "\(record)")
        }
        let starts = run.records.filter { $0["turn"] as? Int == 1 }
            .sorted { ($0["session"] as? Int ?? 0) < ($1["session"] as? Int ?? 0) }
            .compactMap { $0["scheduled_offset_ms"] as? Double }
        for (earlier, later) in zip(starts, starts.dropFirst()) {
            #expect(abs((later - earlier) - 5.0) < 0.01, "sessions start every 1/200 s")
        }
    }

    @Test func aFailedTurnEndsItsSessionAndCountsTheTurnsNotSent() async throws {
        // The case's two phase 1 probes are the first streamed requests; the third is turn 1.
        var options = SimulatorOptions(
            latency: .deterministic(timeToFirstTokenMilliseconds: 2, interTokenMilliseconds: 1)
        )
        options.faults = .only(.http500, firstRequests: 3)
        let run = try await runSessions(drawnSessions(turns: 4), options: options) { config in
            config.runs = 1
            config.concurrency = 1
            config.retry = RetryPolicy(maxRetries: 0)
        }
        #expect(run.records.count == 1)
        let record = try #require(run.records.first)
        #expect(record["status"] as? String == "failed")
        #expect(record["turn"] as? Int == 1)
        #expect(record["turns_not_sent"] as? Int == 3)
        #expect(run.truths.count == 1)
    }

    @Test func aStopDuringTheThinkTimeEndsTheSessionsWithoutTheirLaterTurns() async throws {
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: instantSimulator) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 2)
                config.api = .chat
                config.cases = [BenchmarkCase(workload: .sessions(drawnSessions(turns: 3, think: 30)))]
                let stop = StopRequest()
                let report = try await BenchmarkRunner(config: config).run(stop: stop) { event in
                    if case .requestFinished = event { stop.request() }
                }
                // The second session's first turn may have been sent before the stop, or not.
                let records = try jsonObjects(try lines(ofFile: report.files.requests))
                #expect((1...2).contains(records.count))
                #expect(records.allSatisfy { $0["turn"] as? Int == 1 && $0["status"] as? String == "ok" })
                #expect(server.truths().filter { $0.requestID.hasPrefix("llmb-") }.count == records.count)
            }
        }
    }

    @Test func singleRequestsKeepTheirRequestIDs() {
        let job = RequestJob(
            runID: "x",
            caseIndex: 1,
            step: 0,
            run: 2,
            index: 3,
            inputTokens: 4,
            outputTokens: 5,
            body: ByteBuffer(),
            isOutputLengthForced: false
        )
        #expect(job.requestID(attempt: 1) == "llmb-x-c1-s0-r2-i3-a1")
        var turn = job
        turn.sessionPosition = SessionPosition(session: 3, turn: 2)
        #expect(turn.requestID(attempt: 2) == "llmb-x-c1-s0-r2-i3-t2-a2")
    }
}
