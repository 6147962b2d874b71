@testable import LLMBench

/// One case of a hand-made run: its inputs and load point, and per request its TTFT and ITL
/// gaps; the summary's columns are computed from them as the engine computes them.
struct ComparisonCaseFixture {
    var caseIndex = 0
    var step = 0
    var inputTokens = 100
    var outputTokens = 8
    var loadMode = "concurrency"
    var concurrency: Int? = 4
    var rate: Double? = nil
    /// Per request: its TTFT (ms); the gaps follow from `itl`.
    var ttfts: [Double]
    /// The gap between tokens of request i is itl · (1 + (i mod 3) / 10), ms.
    var itl: Double = 2
    /// Requests (after the successful ones) that failed.
    var failed = 0
    /// Requests start this far apart, ms.
    var spacing: Double = 5

    /// The records of the case, warm-up ones excluded.
    func records() -> [RecordSample] {
        let successes = ttfts.enumerated().map { index, ttft in record(index, ttft: ttft) }
        let failures = (ttfts.count..<(ttfts.count + failed)).map { index in
            var record = record(index, ttft: ttfts.first ?? 10)
            record.isSuccess = false
            record.errorKind = "http_5xx"
            record.latencies = [:]
            record.gaps = [:]
            return record
        }
        return successes + failures
    }

    /// Request `index`, successful, with first token after `ttft` ms.
    private func record(_ index: Int, ttft: Double) -> RecordSample {
        let gap = itl * (1 + Double(index % 3) / 10)
        let gaps = Array(repeating: gap, count: outputTokens - 1)
        let e2e = ttft + gaps.reduce(0, +)
        return RecordSample(
            caseIndex: caseIndex,
            step: step,
            run: 0,
            index: index,
            requestID: "r\(index)",
            isSuccess: true,
            isWarmup: false,
            errorKind: nil,
            httpStatus: 200,
            requestedInputTokens: inputTokens,
            requestedOutputTokens: outputTokens,
            sendClockNanoseconds: Int64(Double(index) * spacing * 1e6),
            startOffsetMilliseconds: Double(index) * spacing,
            sendOffsetMilliseconds: Double(index) * spacing,
            endOffsetMilliseconds: Double(index) * spacing + e2e,
            scheduledOffsetMilliseconds: nil,
            totalMilliseconds: e2e,
            latencies: [.ttft: ttft, .e2e: e2e, .tpot: gaps.reduce(0, +) / Double(outputTokens - 1)],
            gaps: [.itl: gaps],
            outputTokensCounted: outputTokens,
            outputTokensServer: outputTokens,
            inputTokensServer: inputTokens,
            finishReason: "length"
        )
    }

    /// The summary's case object for `records`.
    func results(_ records: [RecordSample]) -> CaseResults {
        var columns: [String: JSONValue] = [
            "input_tokens": .integer(inputTokens),
            "output_tokens": .integer(outputTokens),
            "workload": .string("fixed"),
            "load_mode": .string(loadMode),
            "load_concurrency": concurrency.map(JSONValue.integer) ?? .null,
            "target_rate_rps": rate.map(JSONValue.number) ?? .null,
            "successful_requests": .integer(ttfts.count),
            "failed_requests": .integer(failed),
        ]
        let successes = records.filter(\.isSuccess)
        for metric in [LatencyMetric.ttft, .tpot, .itl, .e2e] {
            guard let distribution = Distribution(successes.flatMap { $0.values(of: metric) }) else { continue }
            for statistic in ComparisonFigure.statistics(of: metric) {
                columns[ComparisonFigure.latency(metric, statistic).name] = .number(
                    distribution[statistic.distributionStatistic]
                )
            }
        }
        let start = records.map(\.startOffsetMilliseconds).min() ?? 0
        let end = records.map(\.endOffsetMilliseconds).max() ?? 0
        let seconds = (end - start) / 1000
        let tokens = successes.reduce(0) { $0 + $1.outputTokens }
        columns["wall_time_s"] = .number(seconds)
        columns["total_output_tokens"] = .integer(tokens)
        columns["output_throughput_tps"] = .number(Double(tokens) / seconds)
        columns["request_throughput_rps"] = .number(Double(successes.count) / seconds)
        return CaseResults(caseIndex: caseIndex, step: step, columns: columns)
    }
}

/// A run of `cases`, its requests file read back (or, `withRecords: false`, missing).
func comparisonRun(_ id: String, _ cases: [ComparisonCaseFixture], withRecords: Bool = true) -> RunResults {
    let records = cases.map { $0.records() }
    return RunResults(
        runID: id,
        tool: "llm-bench",
        version: "test",
        startedAt: "2026-12-01T10:00:00Z",
        finishedAt: "2026-12-01T10:01:00Z",
        seed: 1,
        configFile: "bench.yaml",
        config: .object([:]),
        definitions: [:],
        cases: zip(cases, records).map { $0.results($1) },
        sweeps: [],
        wasInterrupted: false,
        files: RunFiles(summary: "\(id)_summary.json", results: nil, requests: nil, stem: id),
        records: withRecords ? records.flatMap { $0 } : []
    )
}

/// `count` TTFTs around `center`: center + (i·37 mod 101)/100 for i in 1…count (no two equal for count ≤ 101).
func spreadTTFTs(_ count: Int, around center: Double) -> [Double] {
    (1...count).map { center + Double($0 * 37 % 101) / 100 }
}
