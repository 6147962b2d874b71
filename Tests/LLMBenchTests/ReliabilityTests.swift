import Foundation
import LLMBenchSimulator
import NIOCore
import NIOHTTP1
import Testing

@testable import LLMBench

/// Every fault class and retry rule against the simulator's injected faults, with exact counts.
struct ReliabilityTests {
    /// Runs one case of `requests` sequential requests against a simulator with `faults`.
    static func run(
        faults: FaultInjection,
        requests: Int = 2,
        outputTokens: Int = 6,
        timeouts: RequestTimeouts = RequestTimeouts(),
        maxRetries: Int = 3
    ) async throws -> (CaseSummary, [[String: Any]]) {
        let (summary, records, _) = try await runKeepingTruths(
            faults: faults,
            requests: requests,
            outputTokens: outputTokens,
            timeouts: timeouts,
            maxRetries: maxRetries
        )
        return (summary, records)
    }

    /// As `run`, also returning what the simulator saw of each attempt, in arrival order.
    static func runKeepingTruths(
        faults: FaultInjection,
        requests: Int = 2,
        outputTokens: Int = 6,
        timeouts: RequestTimeouts = RequestTimeouts(),
        maxRetries: Int = 3
    ) async throws -> (CaseSummary, [[String: Any]], [RequestTruth]) {
        var options = SimulatorOptions(
            latency: .deterministic(timeToFirstTokenMilliseconds: 1, interTokenMilliseconds: 1)
        )
        options.faults = faults
        let (summary, rawLines, truths) = try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: options) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: requests, concurrency: 1)
                config.cases = [BenchmarkCase(inputTokens: 8, outputTokens: outputTokens)]
                config.retry = RetryPolicy(maxRetries: maxRetries, backoffMilliseconds: [1])
                config.timeouts = timeouts
                let report = try await BenchmarkRunner(config: config).run()
                let truths = server.truths().filter(\.isStreaming)
                return (try #require(report.cases.first), try lines(ofFile: report.files.requests), truths)
            }
        }
        return (summary, try jsonObjects(rawLines), truths)
    }

    static func failed(_ records: [[String: Any]]) -> [[String: Any]] {
        records.filter { $0["status"] as? String == "failed" }
    }

    @Test func a503IsRetriedAndTheRequestSucceeds() async throws {
        let (summary, _) = try await Self.run(faults: .only(.http503, firstRequests: 2))
        #expect(summary.failedRequests == 0)
        #expect(summary.attempts == 4)
        #expect(summary.retriedRequests == 1)
    }

    @Test func a500ThatPersistsFailsAfterThreeRetries() async throws {
        let (summary, records) = try await Self.run(faults: .only(.http500, firstRequests: 4))
        #expect(summary.failuresByKind == [.http5xx: 1])
        #expect(summary.attempts == 5)
        let failure = try #require(Self.failed(records).first)
        #expect(failure["attempts"] as? Int == 4)
        #expect(failure["http_status"] as? Int == 500)
        #expect((failure["error"] as? String)?.isEmpty == false)
    }

    @Test func a429IsRetriedAsRateLimited() async throws {
        var faults = FaultInjection.only(.http429, firstRequests: 3)
        faults.retryAfterSeconds = 0
        let (summary, _) = try await Self.run(faults: faults)
        #expect(summary.failedRequests == 0)
        #expect(summary.attempts == 5)
    }

    @Test func aRateLimitThatPersistsIsClassedRateLimited() async throws {
        var faults = FaultInjection.only(.http429, firstRequests: 4)
        faults.retryAfterSeconds = 0
        let (summary, records) = try await Self.run(faults: faults, requests: 1)
        #expect(summary.failuresByKind == [.rateLimited: 1])
        #expect(Self.failed(records).first?["http_status"] as? Int == 429)
    }

    @Test func aConnectionResetBeforeTheAnswerIsRetriedOnANewConnection() async throws {
        let (summary, records) = try await Self.run(faults: .only(.resetBeforeHeaders, firstRequests: 1))
        #expect(summary.failedRequests == 0)
        #expect(summary.attempts == 3)
        #expect(records.contains { $0["attempts"] as? Int == 2 && $0["connect_ms"] is Double })
    }

    @Test func aStreamCutAfterTokensIsBrokenAndNotRetried() async throws {
        var faults = FaultInjection.only(.closeMidStream, firstRequests: 1)
        faults.closeAfterTokens = 3
        let (summary, records) = try await Self.run(faults: faults)
        #expect(summary.failuresByKind == [.streamBroken: 1])
        #expect(summary.attempts == 2)
        let failure = try #require(Self.failed(records).first)
        #expect(failure["attempts"] as? Int == 1)
        #expect(summary.successfulRequests == 1)
    }

    @Test func aStreamCutBeforeItsFirstTokenIsRetried() async throws {
        var faults = FaultInjection.only(.closeMidStream, firstRequests: 1)
        faults.closeAfterTokens = 0
        let (summary, _) = try await Self.run(faults: faults)
        #expect(summary.failedRequests == 0)
        #expect(summary.attempts == 3)
    }

    @Test func aMalformedChunkIsClassedAndNotRetried() async throws {
        let (summary, records) = try await Self.run(faults: .only(.malformedChunk, firstRequests: 1))
        #expect(summary.failuresByKind == [.malformedEvent: 1])
        #expect(summary.attempts == 2)
        #expect((Self.failed(records).first?["error"] as? String)?.contains("not valid JSON") == true)
    }

    @Test func anErrorEventInTheStreamIsClassedWithTheServersMessage() async throws {
        let (summary, records) = try await Self.run(faults: .only(.errorEvent, firstRequests: 1))
        #expect(summary.failuresByKind == [.serverErrorEvent: 1])
        #expect(Self.failed(records).first?["error"] as? String == "simulated failure")
    }

    @Test func aStallLongerThanTheIdleLimitTimesOut() async throws {
        var faults = FaultInjection.only(.stall, firstRequests: 1)
        faults.stallMilliseconds = 2_000
        // One request only: a healthy one would see gaps of 1 ms, and a busy machine can stretch
        // those past 50 ms too.
        let (summary, records) = try await Self.run(
            faults: faults,
            requests: 1,
            timeouts: RequestTimeouts(idleMilliseconds: 50)
        )
        #expect(summary.failuresByKind == [.timeoutIdle: 1])
        #expect(summary.attempts == 1, "a stall after the first token is not retried")
        #expect((Self.failed(records).first?["error"] as? String)?.contains("50 ms") == true)
    }

    @Test func slowHeadersPastTheFirstTokenLimitTimeOutAndAreRetried() async throws {
        var faults = FaultInjection.only(.slowHeaders, firstRequests: 1)
        faults.slowHeadersMilliseconds = 2_000
        let (summary, records, truths) = try await Self.runKeepingTruths(
            faults: faults,
            timeouts: RequestTimeouts(firstTokenMilliseconds: 50)
        )
        #expect(summary.failedRequests == 0)
        // Healthy attempts answer in 1 ms, but a busy machine can stretch one past 50 ms too and
        // retry it: the attempts are those the server saw, the slowed one among them.
        #expect(summary.attempts == truths.count)
        #expect(truths.count { $0.fault == InjectedFault.slowHeaders.rawValue } == 1)
        let slowed = try #require(truths.first { $0.fault != nil })
        #expect(slowed.requestID.hasSuffix("-r1-i0-a1"), "the first request's first attempt was slowed")
        let first = try #require(records.first { ($0["request_id"] as? String)?.contains("-r1-i0-") == true })
        #expect((first["attempts"] as? Int ?? 0) >= 2, "and timed out, and was retried")
    }

    @Test func aStallPastTheTotalLimitTimesOutAndIsNotRetried() async throws {
        var faults = FaultInjection.only(.stall, firstRequests: 1)
        faults.stallMilliseconds = 5_000
        // One request only, as a healthy one could take 100 ms on a busy machine.
        let (summary, records) = try await Self.run(
            faults: faults,
            requests: 1,
            timeouts: RequestTimeouts(idleMilliseconds: 0, totalMilliseconds: 100)
        )
        #expect(summary.failuresByKind == [.timeoutTotal: 1])
        #expect(summary.attempts == 1)
        #expect((Self.failed(records).first?["error"] as? String)?.contains("longer than 100 ms") == true)
    }

    /// A connection keeps one timer across its requests; a later request with a nearer deadline
    /// than the timer's must still be stopped at its own limit.
    @Test func aNearerLimitOfALaterRequestOnTheSameConnectionStillApplies() async throws {
        var options = SimulatorOptions(
            latency: .deterministic(timeToFirstTokenMilliseconds: 1, interTokenMilliseconds: 1)
        )
        var stall = FaultInjection.only(.stall, firstRequests: 1)
        stall.stallMilliseconds = 5_000
        options.faults = stall
        try await withSimulatedServer(options: options) { server in
            let executor = makeExecutor(for: server)
            let factory = executor.factory
            let connection = try await executor.connect()
            // A non-streamed call (never faulted) with a 60 s idle limit sets the timer far ahead.
            let plain = ByteBuffer(string: #"{"model":"llm-bench-sim","prompt":"xin chào","max_tokens":2}"#)
            let answer = try await connection.exchange(
                head: factory.head(method: .POST, path: "/completions", bodyLength: plain.readableBytes),
                body: plain,
                isStreaming: false,
                timeouts: RequestTimeouts(idleMilliseconds: 60_000),
                maxBodyBytes: 1 << 20
            )
            #expect(answer.status == 200)
            // Then a stream that stalls for 5 s after its first token, under a 50 ms idle limit.
            let body = factory.streamingCompletionBody(prompt: "xin chào", maxTokens: 4)
            let failure = await #expect(throws: RequestFailure.self) {
                try await connection.exchange(
                    head: factory.head(method: .POST, path: "/completions", bodyLength: body.readableBytes),
                    body: body,
                    isStreaming: true,
                    timeouts: RequestTimeouts(idleMilliseconds: 50),
                    maxBodyBytes: 1 << 20
                )
            }
            #expect(failure?.kind == .timeoutIdle)
            await connection.close()
        }
    }

    @Test func noRetriesMeansOneAttempt() async throws {
        let (summary, _) = try await Self.run(faults: .only(.http503, firstRequests: 1), maxRetries: 0)
        #expect(summary.failuresByKind == [.http5xx: 1])
        #expect(summary.attempts == 2)
    }

    @Test func twoThousandConcurrentStreamsCompleteWithoutFailures() async throws {
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(
                options: SimulatorOptions(
                    latency: .deterministic(timeToFirstTokenMilliseconds: 20, interTokenMilliseconds: 5)
                )
            ) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 2000)
                config.cases = [BenchmarkCase(inputTokens: 4, outputTokens: 8)]
                config.promptReuse = .shared
                let report = try await BenchmarkRunner(config: config).run()
                #expect(report.failedRequests == 0, "\(report.cases.map(\.failuresByKind))")
                #expect(report.successfulRequests == 2000)
                #expect(try lines(ofFile: report.files.requests).count == 2000)
            }
        }
    }
}
