@testable import LLMBench

/// Hand-made runs for the report's tests: records with known times and values, cases with
/// known columns.
enum ReportFixtures {
    /// A request record: sent at `sendSeconds` on the run's clock (plus 1000 s, so the axis
    /// starts elsewhere than 0), with the given latencies in milliseconds.
    static func record(
        index: Int,
        caseIndex: Int = 0,
        step: Int = 0,
        sendSeconds: Double,
        ttft: Double? = 10,
        total: Double = 100,
        itl: [Double] = [30, 30, 30],
        isSuccess: Bool = true,
        isWarmup: Bool = false,
        errorKind: String? = nil,
        inputTokens: Int = 128,
        outputTokens: Int = 4,
        serverInputTokens: Int? = 128,
        serverOutputTokens: Int? = 4,
        countedOutputTokens: Int? = nil
    ) -> RecordSample {
        var latencies: [LatencyMetric: Double] = [:]
        if isSuccess {
            latencies[.ttft] = ttft
            latencies[.e2e] = total
            if itl.count > 0, let ttft { latencies[.tpot] = (total - ttft) / Double(itl.count) }
        }
        return RecordSample(
            caseIndex: caseIndex,
            step: step,
            run: 1,
            index: index,
            requestID: "llmb-test-c\(caseIndex)-s\(step)-r1-i\(index)-a1",
            isSuccess: isSuccess,
            isWarmup: isWarmup,
            errorKind: isSuccess ? nil : (errorKind ?? "timeout"),
            httpStatus: isSuccess ? 200 : nil,
            requestedInputTokens: inputTokens,
            requestedOutputTokens: outputTokens,
            sendClockNanoseconds: Int64(((1000 + sendSeconds) * 1e9).rounded()),
            startOffsetMilliseconds: sendSeconds * 1000,
            sendOffsetMilliseconds: sendSeconds * 1000,
            endOffsetMilliseconds: sendSeconds * 1000 + total,
            scheduledOffsetMilliseconds: nil,
            totalMilliseconds: total,
            latencies: latencies,
            gaps: isSuccess ? [.itl: itl] : [:],
            outputTokensCounted: countedOutputTokens ?? (isSuccess ? itl.count + 1 : 0),
            outputTokensServer: isSuccess ? serverOutputTokens : nil,
            inputTokensServer: isSuccess ? serverInputTokens : nil,
            finishReason: isSuccess ? "length" : nil
        )
    }

    /// A case's results row with `columns` (numbers and texts as given).
    static func results(caseIndex: Int = 0, step: Int = 0, _ columns: [String: JSONValue]) -> CaseResults {
        CaseResults(caseIndex: caseIndex, step: step, columns: columns)
    }

    /// A run of `records` and `cases`, with `config` (`model` and `base_url` unless given).
    static func run(
        id: String = "abc123",
        config: [String: JSONValue] = [:],
        cases: [CaseResults] = [],
        sweeps: [SweepResults] = [],
        records: [RecordSample] = [],
        definitions: [String: String] = ["ttft": "first token - send"]
    ) -> RunResults {
        var fields: [String: JSONValue] = ["model": .string("sim"), "base_url": .string("embedded")]
        fields.merge(config) { $1 }
        return RunResults(
            runID: id,
            tool: "llm-bench",
            version: "0.1.0",
            startedAt: "2026-12-01T10:00:00Z",
            finishedAt: "2026-12-01T10:01:00Z",
            seed: 7,
            configFile: "bench.yaml",
            config: .object(fields),
            definitions: definitions,
            cases: cases,
            sweeps: sweeps,
            wasInterrupted: false,
            files: RunFiles(
                summary: "results/x_\(id)_summary.json",
                results: "results/x_\(id).csv",
                requests: "results/x_\(id)_requests.jsonl",
                stem: "results/x_\(id)"
            ),
            records: records
        )
    }
}
