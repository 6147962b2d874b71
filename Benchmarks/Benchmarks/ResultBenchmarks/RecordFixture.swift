import LLMBench
import LLMBenchSupport

/// Request records as a case leaves them: every request succeeded, with ~15–45 ms gaps between tokens
/// and an occasional 200 ms stall, drawn from a fixed seed so every run sorts the same values.
enum RecordFixture {
    /// The gaps of one request, in nanoseconds.
    static func interTokenGaps(count: Int, seed: UInt64) -> [UInt64] {
        var generator = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            let gap = 15_000_000 + generator.next() % 30_000_000
            return generator.next() % 100 == 0 ? gap + 200_000_000 : gap
        }
    }

    /// Request `index` of a case run with `concurrency` requests per run, filled as `RequestExecutor` fills it.
    static func record(index: Int, concurrency: Int, interTokenGaps: DurationList) -> RequestRecord {
        let run = index / concurrency + 1
        let position = index % concurrency
        var record = RequestRecord(
            caseIndex: 0,
            run: run,
            index: position,
            requestID: "llmb-c0-r\(run)-i\(position)-a1",
            requestedInputTokens: 1_000,
            requestedOutputTokens: interTokenGaps.count + 1
        )
        let timeToFirstToken: UInt64 = 180_000_000 + UInt64(position) * 1_000_000
        let decode = interTokenGaps.reduce(0, +)
        let start = UInt64(run - 1) * 40_000_000_000
        record.attempts = 1
        record.sendClockNanoseconds = 9_000_000_000_000 + start
        record.startOffsetNanoseconds = start
        record.sendOffsetNanoseconds = start
        record.timeToFirstTokenNanoseconds = timeToFirstToken
        record.interTokenNanoseconds = interTokenGaps
        record.decodeNanoseconds = decode
        record.endToEndNanoseconds = timeToFirstToken + decode + 2_000_000
        record.endOffsetNanoseconds = start + timeToFirstToken + decode + 2_000_000
        record.totalNanoseconds = timeToFirstToken + decode + 2_000_000
        record.tokenEvents = interTokenGaps.count + 1
        record.outputTokensReported = interTokenGaps.count + 1
        record.inputTokensReported = 1_000
        record.finishReason = "length"
        record.sawDoneMarker = true
        return record
    }

    /// `count` records of `interTokenCount` gaps each, `concurrency` requests per run.
    static func records(count: Int, concurrency: Int, interTokenCount: Int) -> [RequestRecord] {
        (0..<count).map { index in
            record(
                index: index,
                concurrency: concurrency,
                interTokenGaps: DurationList(interTokenGaps(count: interTokenCount, seed: UInt64(index)))
            )
        }
    }
}
