import Foundation

@testable import LLMBench

/// A rate-mode case with every latency metric measured (and a waves case beside it), for the
/// golden output test: `Fixtures/outputs/latency-metrics.txt` is what every output printed of
/// them before the metrics were declared once (`LatencyMetric`).
enum OutputFixture {
    static let millisecond: UInt64 = 1_000_000

    static func record(
        _ index: Int,
        scheduled: UInt64?,
        start: UInt64,
        ttft: UInt64?,
        content: UInt64? = nil,
        e2e: UInt64?,
        gaps: [UInt64],
        perToken: [UInt64] = [],
        reported: Int?,
        events: Int,
        input: Int? = 128,
        requestedOutput: Int = 4
    ) -> RequestRecord {
        var record = RequestRecord(
            caseIndex: 1,
            run: 1,
            index: index,
            requestID: "llmb-x-c1-s0-r1-i\(index)-a1",
            requestedInputTokens: 128,
            requestedOutputTokens: requestedOutput
        )
        let microsecond: UInt64 = 1_000
        record.scheduledOffsetNanoseconds = scheduled.map { $0 * millisecond }
        record.startOffsetNanoseconds = start * millisecond
        record.sendOffsetNanoseconds = start * millisecond + 250 * microsecond
        record.sendClockNanoseconds = 9_000_000_000 + record.sendOffsetNanoseconds
        record.timeToFirstTokenNanoseconds = ttft.map { $0 * microsecond }
        record.timeToFirstContentTokenNanoseconds = (content ?? ttft).map { $0 * microsecond }
        record.endToEndNanoseconds = e2e.map { $0 * microsecond }
        record.endOffsetNanoseconds = record.sendOffsetNanoseconds + (e2e ?? 5_000) * microsecond
        record.interTokenNanoseconds = DurationList(gaps.map { $0 * microsecond })
        record.interTokenPerTokenNanoseconds = DurationList(perToken.map { $0 * microsecond })
        record.decodeNanoseconds = ttft == nil ? nil : gaps.reduce(0, +) * microsecond
        record.outputTokensReported = reported
        record.tokenEvents = events
        record.inputTokensReported = ttft == nil ? nil : input
        record.finishReason = ttft == nil ? nil : "length"
        record.sawDoneMarker = ttft != nil
        record.attempts = 1
        record.totalNanoseconds = record.endOffsetNanoseconds - record.startOffsetNanoseconds
        return record
    }

    static var records: [RequestRecord] {
        var first = record(
            0,
            scheduled: 0,
            start: 1,
            ttft: 100_250,
            content: 150_500,
            e2e: 400_000,
            gaps: [10_000, 20_125, 30_000],
            perToken: [5_000, 5_000, 10_062, 10_063, 30_000],
            reported: 6,
            events: 4
        )
        first.reasoningEvents = 1
        first.clientLagNanoseconds = [20_000, 35_500, 15_000, 120_250]
        first.connectNanoseconds = 750_000
        first.serverReport = ServerReport(
            cachedPromptTokens: 32,
            timings: ServerTimings(
                promptTokens: 96,
                promptMilliseconds: 80.5,
                predictedTokens: 6,
                predictedMilliseconds: 55.25
            )
        )
        var second = record(
            1,
            scheduled: 200,
            start: 230,
            ttft: 120_000,
            e2e: 250_500,
            gaps: [15_000, 15_000, 15_000],
            reported: 4,
            events: 4,
            input: 130
        )
        second.attempts = 2
        second.clientLagNanoseconds = [40_000, 10_000, 6_200_000, 25_000]
        second.isBufferedStream = true
        second.serverReport = ServerReport(
            cachedPromptTokens: 0,
            timings: ServerTimings(predictedTokens: 1, predictedMilliseconds: 0)
        )
        second.finishReason = "stop"
        var third = record(2, scheduled: 400, start: 401, ttft: nil, e2e: nil, gaps: [], reported: nil, events: 0)
        third.attempts = 3
        third.connectNanoseconds = 1_500_000
        third.failure = RequestFailure(kind: .timeoutIdle, message: "no data for 50 ms (timeouts.idle_ms)")
        let fourth = record(
            3,
            scheduled: 600,
            start: 600,
            ttft: 90_000,
            e2e: 300_000,
            gaps: [100_000, 110_000],
            reported: nil,
            events: 3,
            requestedOutput: 8
        )
        return [first, second, third, fourth]
    }

    static var slo: ServiceLevelObjectives {
        var slo = ServiceLevelObjectives()
        slo.timeToFirstTokenMilliseconds = 110
        slo.endToEndMilliseconds = 450
        slo.percentile = 90
        return slo
    }

    static let prompts = [
        PreparedPrompt(
            text: "a",
            tokens: 127,
            target: 128,
            measuredBy: "tokenize-vllm",
            origin: "generate",
            topicWords: []
        ),
        PreparedPrompt(text: "b", tokens: 129, target: 128, measuredBy: "usage", origin: "corpus", topicWords: []),
    ]

    static let point = LoadPoint.rate(5, requests: 4)
    static let benchmarkCase = BenchmarkCase(inputTokens: 128, outputTokens: 5)
    static let startedAt = Date(timeIntervalSince1970: 1_704_103_200)

    /// The rate-mode case, as the runner summarises it.
    static var rateSummary: CaseSummary {
        CaseSummary(
            records: records,
            context: CaseSummary.Context(
                caseIndex: 1,
                step: 0,
                benchmarkCase: benchmarkCase,
                model: "qwen,\"x\"",
                point: point,
                slo: slo,
                prompts: PreparedPromptFacts(prompts),
                lengthControl: OutputLengthControl(sendsLengthFields: true),
                startedAt: startedAt
            )
        )
    }

    /// Its first two requests as a waves case without a schedule or per-token gaps.
    static var wavesSummary: CaseSummary {
        let wavesRecords = records.prefix(2).map { record in
            var record = record
            record.scheduledOffsetNanoseconds = nil
            record.interTokenPerTokenNanoseconds = []
            return record
        }
        return CaseSummary(
            records: wavesRecords,
            context: CaseSummary.Context(
                caseIndex: 0,
                step: 0,
                benchmarkCase: benchmarkCase,
                model: "m",
                point: .waves(runs: 1, concurrency: 2),
                slo: ServiceLevelObjectives(),
                prompts: PreparedPromptFacts(Array(prompts.prefix(1))),
                lengthControl: OutputLengthControl(sendsLengthFields: false),
                startedAt: startedAt
            )
        )
    }

    /// Everything the outputs print of the fixture, one section per output.
    static func outputs(rate: CaseSummary, waves: CaseSummary) -> String {
        var text = "# header\n" + ResultRow.csvHeader + "\n# csv\n" + ResultRow(rate).csvLine + "\n"
        text += ResultRow(waves).csvLine + "\n# jsonl\n"
        text += String(decoding: ResultRow(rate).jsonLine, as: UTF8.self) + "\n# requests\n"
        for record in records { text += String(decoding: record.jsonLine(), as: UTF8.self) + "\n" }
        text += "# case blocks\n" + ConsoleSummary.caseBlock(rate) + ConsoleSummary.caseBlock(waves)
        text += "# tables\n" + ConsoleSummary.table([rate, waves]) + ConsoleSummary.table([waves])
        return text
    }
}
