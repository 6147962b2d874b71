import Foundation
import Testing

@testable import LLMBench

/// `Distribution`, per-request TPOT in `RequestRecord`, and `CaseSummary` over hand-made records,
/// against figures computed by hand from SPEC.md's definitions.
struct MetricsTests {
    static let millisecond: UInt64 = 1_000_000

    static func isClose(_ actual: Double?, _ expected: Double, tolerance: Double = 1e-9) -> Bool {
        guard let actual else { return false }
        return abs(actual - expected) <= tolerance * max(1, abs(expected))
    }

    // MARK: - Distribution

    @Test func percentilesOfFourValuesInterpolateBetweenRanks() throws {
        let distribution = try #require(Distribution([4, 1, 3, 2]))
        #expect(distribution.count == 4)
        #expect(distribution.mean == 2.5)
        #expect(distribution.min == 1)
        #expect(distribution.max == 4)
        #expect(distribution.p50 == 2.5)
        #expect(Self.isClose(distribution.p90, 3.7))
        #expect(Self.isClose(distribution.p95, 3.85))
        #expect(Self.isClose(distribution.p99, 3.97))
    }

    @Test func percentilesOfOneToHundredMatchNumpyLinear() throws {
        let distribution = try #require(Distribution((1...100).map(Double.init).shuffled()))
        #expect(distribution.mean == 50.5)
        #expect(Self.isClose(distribution.p50, 50.5))
        #expect(Self.isClose(distribution.p90, 90.1))
        #expect(Self.isClose(distribution.p95, 95.05))
        #expect(Self.isClose(distribution.p99, 99.01))
        #expect(distribution.min == 1)
        #expect(distribution.max == 100)
    }

    @Test func singleValueIsEveryStatistic() throws {
        let distribution = try #require(Distribution([42.5]))
        #expect(distribution == Distribution(sorted: [42.5]))
        for statistic in [
            distribution.mean, distribution.min, distribution.p50, distribution.p90, distribution.p95,
            distribution.p99, distribution.max,
        ] {
            #expect(statistic == 42.5)
        }
        #expect(distribution.count == 1)
    }

    @Test func oddCountMedianIsTheMiddleValue() throws {
        let distribution = try #require(Distribution([10, 30, 20]))
        #expect(distribution.p50 == 20)
        #expect(Self.isClose(distribution.p90, 28))
    }

    @Test func noValuesGiveNoDistribution() {
        #expect(Distribution([]) == nil)
        #expect(Distribution(sorted: []) == nil)
    }

    @Test(arguments: [(0.0, 1.0), (1.0, 5.0), (0.25, 2.0), (0.5, 3.0), (0.125, 1.5)])
    func percentileAtTheEdges(fraction: Double, expected: Double) {
        #expect(Distribution.percentile(fraction, ofSorted: [1, 2, 3, 4, 5]) == expected)
    }

    @Test func scalingKeepsTheCount() throws {
        let scaled = try #require(Distribution([1_000_000, 3_000_000])).scaled(by: 1e-6)
        #expect(scaled.count == 2)
        #expect(scaled.mean == 2)
        #expect(scaled.min == 1)
        #expect(scaled.max == 3)
        #expect(scaled.p50 == 2)
    }

    // MARK: - Per-request TPOT

    static func record(
        decode: UInt64?,
        reported: Int?,
        events: Int,
        failure: RequestFailure? = nil
    ) -> RequestRecord {
        var record = RequestRecord(
            caseIndex: 0,
            run: 1,
            index: 0,
            requestID: "r",
            requestedInputTokens: 10,
            requestedOutputTokens: 10
        )
        record.decodeNanoseconds = decode
        record.outputTokensReported = reported
        record.tokenEvents = events
        record.failure = failure
        return record
    }

    @Test func tpotPrefersTheServersTokenCount() {
        let record = Self.record(decode: 900 * Self.millisecond, reported: 10, events: 5)
        #expect(record.outputTokens == 10)
        #expect(record.timePerOutputTokenNanoseconds == Double(100 * Self.millisecond))
    }

    @Test func tpotFallsBackToTheEventCount() {
        let record = Self.record(decode: 900 * Self.millisecond, reported: nil, events: 4)
        #expect(record.outputTokens == 4)
        #expect(record.timePerOutputTokenNanoseconds == Double(300 * Self.millisecond))
    }

    @Test(arguments: [(1, 5), (0, 5), (nil, 1), (nil, 0)] as [(Int?, Int)])
    func tpotNeedsTwoTokens(reported: Int?, events: Int) {
        #expect(Self.record(decode: 0, reported: reported, events: events).timePerOutputTokenNanoseconds == nil)
    }

    @Test func tpotNeedsADecodeTime() {
        #expect(Self.record(decode: nil, reported: 10, events: 10).timePerOutputTokenNanoseconds == nil)
    }

    @Test func twoTokensGiveTheirGap() {
        #expect(Self.record(decode: 37, reported: 2, events: 2).timePerOutputTokenNanoseconds == 37)
    }

    @Test func successIsTheAbsenceOfAFailure() {
        #expect(Self.record(decode: nil, reported: nil, events: 0).isSuccess)
        #expect(
            !Self.record(
                decode: nil,
                reported: nil,
                events: 0,
                failure: RequestFailure(kind: .connect, message: "refused")
            ).isSuccess
        )
    }

    // MARK: - CaseSummary

    /// A record with its times given in milliseconds from the case's start.
    static func measured(
        index: Int,
        startMilliseconds: UInt64,
        endMilliseconds: UInt64,
        ttft: UInt64?,
        e2e: UInt64?,
        gaps: [UInt64],
        reportedOutput: Int?,
        events: Int,
        reportedInput: Int?,
        attempts: Int,
        connect: UInt64? = nil,
        failure: RequestFailure? = nil
    ) -> RequestRecord {
        var record = RequestRecord(
            caseIndex: 2,
            run: 1,
            index: index,
            requestID: "req-\(index)",
            requestedInputTokens: 100,
            requestedOutputTokens: 10
        )
        record.startOffsetNanoseconds = startMilliseconds * millisecond
        record.sendOffsetNanoseconds = startMilliseconds * millisecond
        record.endOffsetNanoseconds = endMilliseconds * millisecond
        record.timeToFirstTokenNanoseconds = ttft.map { $0 * millisecond }
        record.endToEndNanoseconds = e2e.map { $0 * millisecond }
        record.interTokenNanoseconds = DurationList(gaps.map { $0 * millisecond })
        record.decodeNanoseconds = gaps.isEmpty ? nil : gaps.reduce(0, +) * millisecond
        record.outputTokensReported = reportedOutput
        record.tokenEvents = events
        record.inputTokensReported = reportedInput
        record.attempts = attempts
        record.connectNanoseconds = connect.map { $0 * millisecond }
        record.failure = failure
        record.sawDoneMarker = failure == nil
        return record
    }

    /// Three successes and two failures of a case asking for 100 input and 10 output tokens.
    static let records: [RequestRecord] = [
        // 10 tokens in 10 events, 100 ms apart: TPOT 900 / 9 = 100 ms.
        measured(
            index: 0,
            startMilliseconds: 0,
            endMilliseconds: 1000,
            ttft: 100,
            e2e: 1000,
            gaps: Array(repeating: 100, count: 9),
            reportedOutput: 10,
            events: 10,
            reportedInput: 100,
            attempts: 1,
            connect: 2
        ),
        // 9 tokens (server's count) in 5 events: TPOT 400 / 8 = 50 ms; short output; prompt of 101 tokens.
        measured(
            index: 1,
            startMilliseconds: 10,
            endMilliseconds: 610,
            ttft: 200,
            e2e: 600,
            gaps: [100, 100, 100, 100],
            reportedOutput: 9,
            events: 5,
            reportedInput: 101,
            attempts: 2
        ),
        // No usage: 10 events, 200 ms apart: TPOT 1800 / 9 = 200 ms.
        measured(
            index: 2,
            startMilliseconds: 20,
            endMilliseconds: 2020,
            ttft: 300,
            e2e: 2000,
            gaps: Array(repeating: 200, count: 9),
            reportedOutput: nil,
            events: 10,
            reportedInput: nil,
            attempts: 1
        ),
        // Failed after delivering a little; it ends last, so it sets the wall time, and nothing else.
        measured(
            index: 3,
            startMilliseconds: 30,
            endMilliseconds: 3000,
            ttft: 5,
            e2e: nil,
            gaps: [1],
            reportedOutput: 3,
            events: 2,
            reportedInput: 999,
            attempts: 4,
            connect: 4,
            failure: RequestFailure(kind: .http5xx, httpStatus: 503, message: "overloaded")
        ),
        measured(
            index: 4,
            startMilliseconds: 5,
            endMilliseconds: 40,
            ttft: nil,
            e2e: nil,
            gaps: [],
            reportedOutput: nil,
            events: 0,
            reportedInput: nil,
            attempts: 4,
            failure: RequestFailure(kind: .connect, message: "connection refused")
        ),
    ]

    static func summary(_ records: [RequestRecord] = records, concurrency: Int = 5) -> CaseSummary {
        CaseSummary(
            records: records,
            benchmarkCase: BenchmarkCase(inputTokens: 100, outputTokens: 10),
            caseIndex: 2,
            model: "m",
            runs: 1,
            concurrency: concurrency,
            startedAt: Date(timeIntervalSince1970: 1_704_103_200)
        )
    }

    @Test func countsSuccessesFailuresAndAttempts() {
        let summary = Self.summary()
        #expect(summary.successfulRequests == 3)
        #expect(summary.failedRequests == 2)
        #expect(summary.failuresByKind == [.http5xx: 1, .connect: 1])
        #expect(summary.attempts == 12)
        #expect(summary.retriedRequests == 3)
        #expect(summary.caseIndex == 2)
        #expect(summary.runs == 1)
        #expect(summary.concurrency == 5)
    }

    @Test func latencyDistributionsAreInMillisecondsOverSuccessesOnly() throws {
        let summary = Self.summary()
        let ttft = try #require(summary.latency[.ttft])
        #expect(ttft.count == 3)
        #expect(Self.isClose(ttft.mean, 200))
        #expect(Self.isClose(ttft.min, 100))
        #expect(Self.isClose(ttft.p50, 200))
        #expect(Self.isClose(ttft.p90, 280))
        #expect(Self.isClose(ttft.max, 300))

        let e2e = try #require(summary.latency[.e2e])
        #expect(e2e.count == 3)
        #expect(Self.isClose(e2e.mean, 1200))
        #expect(Self.isClose(e2e.p50, 1000))
        #expect(Self.isClose(e2e.min, 600))
        #expect(Self.isClose(e2e.max, 2000))

        // 13 gaps of 100 ms and 9 of 200 ms; the failed request's 1 ms gap is left out.
        let itl = try #require(summary.latency[.itl])
        #expect(itl.count == 22)
        #expect(Self.isClose(itl.mean, 3100.0 / 22))
        #expect(Self.isClose(itl.min, 100))
        #expect(Self.isClose(itl.p50, 100))
        #expect(Self.isClose(itl.max, 200))
    }

    @Test func tpotOfTheCaseIsTheMeanOfPerRequestTPOT() throws {
        let summary = Self.summary()
        let tpot = try #require(summary.latency[.tpot])
        #expect(tpot.count == 3)
        #expect(Self.isClose(tpot.p50, 100))
        #expect(Self.isClose(tpot.min, 50))
        #expect(Self.isClose(tpot.max, 200))
        #expect(Self.isClose(summary.meanTimePerOutputTokenMilliseconds, 350.0 / 3))
    }

    @Test func tokensPerEventIsTheServersCountOverTheEventsAndTheConsoleNotesPacking() {
        // Requests 0 and 1 have a server count: 19 tokens in 15 events; request 2 has none.
        let summary = Self.summary()
        #expect(Self.isClose(summary.tokensPerEvent, 19.0 / 15))
        #expect(ConsoleSummary.caseBlock(summary).contains("the server sent 1.27 tokens per event"))
        let row = ResultRow(summary).cells
        #expect(row.first { $0.name == "tokens_per_event" }?.value.csvField == "1.267")
        let oneEach = Self.summary([Self.records[0]])
        #expect(oneEach.tokensPerEvent == 1)
        #expect(!ConsoleSummary.caseBlock(oneEach).contains("tokens per event"))
        #expect(Self.summary([Self.records[2]]).tokensPerEvent == nil, "no server count, no ratio")
    }

    @Test func specThroughputIsThousandOverTPOTTimesConcurrency() {
        let summary = Self.summary()
        #expect(Self.isClose(summary.specThroughput, 1000 / (350.0 / 3) * 5))
        #expect(Self.isClose(Self.summary(concurrency: 10).specThroughput, 1000 / (350.0 / 3) * 10))
    }

    @Test func measuredThroughputUsesTheWallTimeFromFirstStartToLastEnd() {
        let summary = Self.summary()
        // From the first start (0 ms) to the last end (3000 ms, a failed request).
        #expect(Self.isClose(summary.wallTimeSeconds, 3))
        #expect(summary.totalOutputTokens == 29)
        #expect(Self.isClose(summary.outputThroughput, 29.0 / 3))
        #expect(Self.isClose(summary.requestThroughput, 1))
    }

    @Test func wallTimeStartsAtTheEarliestStartNotAtZero() {
        let shifted = Self.records.map { record in
            var record = record
            record.startOffsetNanoseconds += 500 * Self.millisecond
            record.endOffsetNanoseconds += 500 * Self.millisecond
            return record
        }
        #expect(Self.isClose(Self.summary(shifted).wallTimeSeconds, 3))
    }

    @Test func serverTokenCountsAndMismatches() throws {
        let summary = Self.summary()
        #expect(summary.meanInputTokensServer == 100.5)
        #expect(summary.meanOutputTokensServer == 9.5)
        #expect(Self.isClose(summary.meanTokenEvents, 25.0 / 3))
        #expect(summary.shortOutputRequests == 1)
        #expect(summary.inputMismatchRequests == 1)
        let outputTokens = try #require(summary.outputTokens)
        #expect(outputTokens.min == 9)
        #expect(outputTokens.max == 10)
    }

    @Test func connectTimesCoverEveryRecordThatOpenedAConnection() throws {
        let connect = try #require(Self.summary().latency[.connect])
        #expect(connect.count == 2)
        #expect(Self.isClose(connect.p50, 3))
    }

    @Test func requestsWithFewerThanTwoTokensHaveTTFTButNoTPOT() throws {
        var single = Self.records[0]
        single.outputTokensReported = 1
        single.tokenEvents = 1
        single.interTokenNanoseconds = []
        single.decodeNanoseconds = 0
        let summary = Self.summary([single, Self.records[2]])
        #expect(summary.latency[.ttft]?.count == 2)
        #expect(summary.latency[.tpot]?.count == 1)
        #expect(Self.isClose(summary.meanTimePerOutputTokenMilliseconds, 200))
    }

    @Test func caseWithOnlyFailuresHasNoLatencies() {
        let summary = Self.summary(Array(Self.records[3...]))
        #expect(summary.successfulRequests == 0)
        #expect(summary.failedRequests == 2)
        #expect(summary.latency[.ttft] == nil)
        #expect(summary.latency[.tpot] == nil)
        #expect(summary.latency[.itl] == nil)
        #expect(summary.latency[.e2e] == nil)
        #expect(summary.meanTimePerOutputTokenMilliseconds == nil)
        #expect(summary.specThroughput == nil)
        #expect(summary.outputThroughput == 0)
        #expect(summary.requestThroughput == 0)
        #expect(summary.meanInputTokensServer == nil)
        #expect(summary.meanOutputTokensServer == nil)
        #expect(summary.totalOutputTokens == 0)
    }

    @Test func caseWithoutRecordsHasNoThroughput() {
        let summary = Self.summary([])
        #expect(summary.wallTimeSeconds == 0)
        #expect(summary.outputThroughput == nil)
        #expect(summary.requestThroughput == nil)
        #expect(summary.failuresByKind.isEmpty)
    }
}
