import Foundation

@testable import LLMBench

/// A record with the given TTFT and inter-token gaps in milliseconds, starting at `start` ms.
func timedRecord(ttft: Double, gaps: [Double], tokens: Int? = nil, failed: Bool = false, start: Double = 0)
    -> RequestRecord
{
    var record = RequestRecord(
        caseIndex: 0,
        run: 1,
        index: 0,
        requestID: "r",
        requestedInputTokens: 1,
        requestedOutputTokens: 1
    )
    let ns = { (ms: Double) in UInt64(ms * 1e6) }
    record.timeToFirstTokenNanoseconds = ns(ttft)
    record.interTokenNanoseconds = DurationList(gaps.map(ns))
    record.decodeNanoseconds = ns(gaps.reduce(0, +))
    record.tokenEvents = gaps.count + 1
    record.outputTokensReported = tokens ?? gaps.count + 1
    record.endToEndNanoseconds = ns(ttft + gaps.reduce(0, +))
    record.startOffsetNanoseconds = ns(start)
    record.sendOffsetNanoseconds = ns(start)
    record.endOffsetNanoseconds = ns(start + ttft + gaps.reduce(0, +))
    if failed { record.failure = RequestFailure(kind: .http5xx, httpStatus: 500, message: "x") }
    return record
}

/// A successful request of 128 input and 4 output tokens with fixed timings.
func successfulRecord(index: Int) -> RequestRecord {
    var record = RequestRecord(
        caseIndex: 0,
        run: 1,
        index: index,
        requestID: "req-\(index)",
        requestedInputTokens: 128,
        requestedOutputTokens: 4
    )
    record.startOffsetNanoseconds = 0
    record.sendOffsetNanoseconds = 1_000_000
    record.endOffsetNanoseconds = 501_000_000
    record.timeToFirstTokenNanoseconds = 120_500_000
    record.endToEndNanoseconds = 500_000_000
    record.interTokenNanoseconds = [15_000_000, 15_250_000, 15_500_000]
    record.decodeNanoseconds = 45_750_000
    record.outputTokensReported = 4
    record.tokenEvents = 4
    record.inputTokensReported = 128
    record.finishReason = "length"
    record.sawDoneMarker = true
    record.attempts = 1
    record.totalNanoseconds = 500_000_000
    record.connectNanoseconds = 750_000
    return record
}

/// The summary of `records` (by default two successful records) of one case.
func caseSummary(model: String = "qwen3-235b-stress-test", records: [RequestRecord]? = nil) -> CaseSummary {
    CaseSummary(
        records: records ?? [successfulRecord(index: 0), successfulRecord(index: 1)],
        benchmarkCase: BenchmarkCase(inputTokens: 128, outputTokens: 4),
        caseIndex: 0,
        model: model,
        runs: 10,
        concurrency: 10,
        startedAt: Date(timeIntervalSince1970: 1_704_103_200)  // 2024-01-01T10:00:00Z
    )
}
