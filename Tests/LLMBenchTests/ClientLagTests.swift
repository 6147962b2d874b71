import Foundation
import Testing

@testable import LLMBench

/// The client's own lag and the clock of the arrival times, from a stream's timeline to the
/// records, the results row, the console, the warnings and back from the files.
struct ClientLagTests {
    static let microsecond: UInt64 = 1_000

    /// A successful record of `events` token events, stamped by `source`, with `lags` in microseconds.
    static func record(
        _ index: Int,
        source: TimestampSource,
        lags: [UInt64],
        events: Int = 3,
        gapMicroseconds: UInt64 = 1_000
    ) -> RequestRecord {
        var timeline = StreamTimeline(sendNanoseconds: 1_000_000)
        for event in 0..<events {
            let lag = event < lags.count ? lags[event] * microsecond : nil
            timeline.recordTokenEvent(at: 2_000_000 + UInt64(event) * gapMicroseconds * microsecond, clientLag: lag)
        }
        timeline.endNanoseconds = 9_000_000
        timeline.sawDoneMarker = true
        var record = attempted(index, outputTokens: events)
        record.apply(timeline, caseStart: 0)
        #expect(record.timestampSource == source)
        return record
    }

    /// A record of case 0, run 1, asked for 4 input and `outputTokens` output tokens, tried once.
    static func attempted(_ index: Int, outputTokens: Int = 3) -> RequestRecord {
        var record = RequestRecord(
            caseIndex: 0,
            run: 1,
            index: index,
            requestID: "r\(index)",
            requestedInputTokens: 4,
            requestedOutputTokens: outputTokens
        )
        record.attempts = 1
        return record
    }

    static func failed(_ index: Int) -> RequestRecord {
        var record = attempted(index)
        record.failure = RequestFailure(kind: .connect, message: "refused")
        return record
    }

    static func summary(_ records: [RequestRecord], caseIndex: Int = 0) -> CaseSummary {
        CaseSummary(
            records: records,
            benchmarkCase: BenchmarkCase(inputTokens: 4, outputTokens: 3),
            caseIndex: caseIndex,
            model: "m",
            runs: 1,
            concurrency: records.count,
            startedAt: Date(timeIntervalSince1970: 0)
        )
    }

    static func json(_ record: RequestRecord) throws -> [String: JSONValue] {
        try decodedObject(String(decoding: record.jsonLine(), as: UTF8.self))
    }

    static func cell(_ name: String, of summary: CaseSummary) -> ResultValue? {
        ResultRow(summary).cells.first { $0.name == name }?.value
    }

    /// Whether `cell` is a number within a nanosecond of `milliseconds`.
    static func isNumber(_ cell: ResultValue?, near milliseconds: Double) -> Bool {
        guard case .number(let value)? = cell else { return false }
        return abs(value - milliseconds) < 1e-6
    }

    @Test func aRecordTakesTheLagOfEveryTokenEventAndTheClockFromItsTimeline() {
        let record = Self.record(0, source: .kernel, lags: [30, 10, 20])
        #expect(Array(record.clientLagNanoseconds) == [30_000, 10_000, 20_000], "the first event included")
        #expect(record.interTokenNanoseconds.count == 2)
        let user = Self.record(1, source: .user, lags: [])
        #expect(user.clientLagNanoseconds.isEmpty)
    }

    @Test func theRequestsFileNamesTheClockOfEveryStreamedRecordAndItsLagOnlyWhenMeasured() throws {
        let kernel = try Self.json(Self.record(0, source: .kernel, lags: [30, 10, 20]))
        #expect(kernel["timestamp_source"] == .string("kernel"))
        #expect(kernel["client_lag_ms"] == .array([.number(0.03), .number(0.01), .number(0.02)]))
        let user = try Self.json(Self.record(1, source: .user, lags: []))
        #expect(user["timestamp_source"] == .string("user"))
        #expect(user["client_lag_ms"] == nil, "omitted when empty, like itl_token_ms")
        let failed = try Self.json(Self.failed(2))
        #expect(failed["timestamp_source"] == .null, "no token event arrived, so no clock was read")
    }

    @Test func aCaseNamesOneClockOrMixedAndNoneWithoutAStream() {
        let kernel = Self.record(0, source: .kernel, lags: [30, 10, 20])
        let user = Self.record(1, source: .user, lags: [])
        #expect(Self.cell("timestamp_source", of: Self.summary([kernel, Self.failed(2)])) == .text("kernel"))
        #expect(Self.cell("timestamp_source", of: Self.summary([user])) == .text("user"))
        #expect(Self.cell("timestamp_source", of: Self.summary([kernel, user])) == .text("mixed"))
        #expect(Self.cell("timestamp_source", of: Self.summary([Self.failed(0)])) == .missing)
        #expect(Self.cell("timestamp_source", of: Self.summary([])) == .missing)
    }

    @Test func theRowHasTheLagsP50P99AndMaxOverEveryTokenEvent() {
        let summary = Self.summary([
            Self.record(0, source: .kernel, lags: [30, 10, 20]),
            Self.record(1, source: .kernel, lags: [40, 50, 1_000]),
        ])
        #expect(summary.latency[.clientLag]?.count == 6)
        #expect(Self.isNumber(Self.cell("client_lag_p50_ms", of: summary), near: 0.035))
        #expect(Self.isNumber(Self.cell("client_lag_max_ms", of: summary), near: 1))
        let columns = ResultRow.columns
        let source = columns.firstIndex(of: "timestamp_source")
        #expect(
            source.map { columns[$0 + 1...$0 + 4] } == [
                "events_read_together_pct", "client_lag_p50_ms", "client_lag_p99_ms", "client_lag_max_ms",
            ]
        )
        #expect(Self.cell("client_lag_p99_ms", of: Self.summary([Self.record(0, source: .user, lags: [])])) == .missing)
    }

    @Test func theConsoleShowsTheLagBesideTheClockAndSaysWhenFiguresIncludeIt() {
        let kernel = ConsoleSummary.caseBlock(Self.summary([Self.record(0, source: .kernel, lags: [30, 10, 20])]))
        #expect(kernel.contains("  client     own lag p50 0.020  p99 0.030  max 0.030 ms, kernel receive timestamps\n"))
        let user = ConsoleSummary.caseBlock(Self.summary([Self.record(0, source: .user, lags: [])]))
        #expect(user.contains("  client     user-space timestamps: the figures include the client's own delay\n"))
        let mixed = ConsoleSummary.clientLine(
            Self.summary([
                Self.record(0, source: .kernel, lags: [30, 10, 20]), Self.record(1, source: .user, lags: []),
            ])
        )
        #expect(mixed?.contains("where kernel-stamped, timestamps mixed") == true)
        #expect(ConsoleSummary.clientLine(Self.summary([Self.failed(0)])) == nil)
    }

    @Test(arguments: [(UInt64(4_900), false), (5_000, false), (5_100, true)])
    func aCaseWarnsWhenItsLagP99ExceedsHalfItsMedianGap(lagMicroseconds: UInt64, warns: Bool) {
        let records = (0..<4).map {
            Self.record($0, source: .kernel, lags: Array(repeating: lagMicroseconds, count: 3), gapMicroseconds: 10_000)
        }
        let warning = BenchmarkWarning.clientLagged(in: Self.summary(records, caseIndex: 2))
        #expect((warning != nil) == warns)
        if let warning {
            #expect(warning.reason == "client_lagged")
            #expect(
                warning.description.hasPrefix(
                    "case 3: the client read token events 5.1 ms after the kernel received them at p99 (max 5.1 ms; above 5 ms, half the median gap between token events, at least 2 ms): the client, not the server, limited what was measured."
                )
            )
        }
    }

    @Test func theSameLagWarnsBetweenFastTokensButNotBetweenSlowOnes() {
        let lag = Array(repeating: UInt64(3_000), count: 3)
        let fast = Self.summary([Self.record(0, source: .kernel, lags: lag, gapMicroseconds: 4_000)])
        let slow = Self.summary([Self.record(0, source: .kernel, lags: lag, gapMicroseconds: 20_000)])
        let quick = Self.summary([Self.record(0, source: .kernel, lags: lag, gapMicroseconds: 1_000)])
        #expect(BenchmarkWarning.clientLagged(in: fast) != nil, "3 ms is more than half of 4 ms")
        #expect(BenchmarkWarning.clientLagged(in: slow) == nil, "3 ms is less than half of 20 ms")
        #expect(
            BenchmarkWarning.clientLagged(in: quick).map { "\($0)" }?.contains("above 2 ms") == true,
            "never below 2 ms"
        )
    }

    @Test func userStampsNeverWarnOfLagTheyCannotMeasure() {
        #expect(BenchmarkWarning.clientLagged(in: Self.summary([Self.record(0, source: .user, lags: [])])) == nil)
    }

    @Test func missingKernelStampsAreSaidWithTheirReason() {
        let warning = BenchmarkWarning.kernelTimestampsUnavailable(reason: "SO_TIMESTAMPNS is not supported on macOS")
        #expect(warning.reason == "kernel_timestamps_unavailable")
        #expect(
            warning.description
                == "kernel receive timestamps unavailable: SO_TIMESTAMPNS is not supported on macOS; figures use user-space read times, which include the client's own delay."
        )
        let event = BenchmarkEvent.warning(warning)
        #expect(event.metadata["reason"] == "kernel_timestamps_unavailable")
    }

    @Test func theLagReadsBackFromTheRequestsFileAndOldLinesWithoutItStillRead() throws {
        let line = String(decoding: Self.record(0, source: .kernel, lags: [30, 10, 20]).jsonLine(), as: UTF8.self)
        let sample = try RecordTimesTests.record(line)
        #expect(sample.values(of: .clientLag) == [0.03, 0.01, 0.02])
        var old = try Self.json(Self.record(1, source: .user, lags: []))
        old["timestamp_source"] = nil
        let oldLine = String(decoding: try JSONEncoder().encode(old), as: UTF8.self)
        let oldSample = try RecordTimesTests.record(oldLine)
        #expect(oldSample.values(of: .clientLag).isEmpty && oldSample.values(of: .itl).count == 2)
    }

    @Test func theResultsFileReadsTheClockBackAsTextAndAMissingOneAsNull() async throws {
        try await withTemporaryDirectory { directory in
            let summaries = [
                Self.summary([
                    Self.record(0, source: .kernel, lags: [30, 10, 20]), Self.record(1, source: .user, lags: []),
                ]),
                Self.summary([Self.failed(0)]),
            ]
            let path = directory + "/results.csv"
            let text = ([ResultRow.csvHeader] + summaries.map { ResultRow($0).csvLine }).joined(separator: "\n") + "\n"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let rows = try ResultsFile.rows(of: path)
            #expect(rows.map { $0["timestamp_source"] } == [.string("mixed"), .null])
            #expect(abs((rows.first?["client_lag_max_ms"]?.numberValue ?? 0) - 0.03) < 1e-9)
        }
    }

    @Test func theLagP99CanBeGatedByItsColumnName() {
        #expect(ComparisonFigure(name: "client_lag_p99_ms") != nil)
    }
}
