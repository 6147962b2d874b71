import Benchmark
import Foundation
import LLMBench

/// Gaps per request and requests per case of the aggregation benchmarks: 1,024 × 1,000 = 1,048,576 ITLs.
private let interTokenCount = 1_000
private let recordCount = 1_024
private let concurrency = 64

private let startedAt = Date(timeIntervalSince1970: 1_714_000_000)

private func summary(of records: [RequestRecord]) -> CaseSummary {
    CaseSummary(
        records: records,
        benchmarkCase: BenchmarkCase(inputTokens: 1_000, outputTokens: interTokenCount + 1),
        caseIndex: 0,
        model: "Qwen/Qwen3-8B",
        runs: records.count / concurrency,
        concurrency: concurrency,
        startedAt: startedAt
    )
}

let benchmarks: @Sendable () -> Void = {
    // `.cpuTotal` counts in 10 ms ticks on Linux and costs 16 mallocs of the framework's per iteration
    // (see "Noop, with cpuTotal"), so only the benchmarks whose iterations take ~100 ms use it.
    let quick = Benchmark.Configuration(
        metrics: [.throughput, .wallClock, .mallocCountTotal],
        warmupIterations: 3,
        maxDuration: .seconds(2),
        maxIterations: 2_000
    )
    let heavy = Benchmark.Configuration(
        metrics: [.throughput, .wallClock, .cpuTotal, .mallocCountTotal],
        warmupIterations: 1,
        maxDuration: .seconds(2),
        maxIterations: 20
    )

    Benchmark("Noop, with cpuTotal", configuration: heavy) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(0) }
    }

    // What a request costs once its stream has ended: the gaps appended as the tokens arrived (as
    // `StreamTimeline` does), the record filled, and its line of the raw per-request file encoded.
    Benchmark(
        "RequestRecord build + jsonLine, 1000 ITLs",
        configuration: quick
    ) { (benchmark: Benchmark, gaps: [UInt64]) in
        for _ in benchmark.scaledIterations {
            var timelineGaps = DurationList()
            timelineGaps.reserveCapacity(gaps.count)
            for gap in gaps { timelineGaps.append(gap) }
            let record = RecordFixture.record(index: 17, concurrency: concurrency, interTokenGaps: timelineGaps)
            blackHole(record.jsonLine())
        }
    } setup: {
        RecordFixture.interTokenGaps(count: interTokenCount, seed: 17)
    }

    Benchmark(
        "RequestRecord.jsonLine, 1000 ITLs",
        configuration: quick
    ) { (benchmark: Benchmark, record: RequestRecord) in
        for _ in benchmark.scaledIterations { blackHole(record.jsonLine()) }
    } setup: {
        RecordFixture.record(
            index: 17,
            concurrency: concurrency,
            interTokenGaps: DurationList(RecordFixture.interTokenGaps(count: interTokenCount, seed: 17))
        )
    }

    Benchmark(
        "CaseSummary, 1024 records x 1000 ITLs",
        configuration: heavy
    ) { (benchmark: Benchmark, records: [RequestRecord]) in
        for _ in benchmark.scaledIterations { blackHole(summary(of: records)) }
    } setup: {
        RecordFixture.records(count: recordCount, concurrency: concurrency, interTokenCount: interTokenCount)
    }

    Benchmark(
        "Distribution, 1M values",
        configuration: heavy
    ) { (benchmark: Benchmark, values: [Double]) in
        for _ in benchmark.scaledIterations { blackHole(Distribution(values)) }
    } setup: {
        (0..<recordCount).flatMap { index in
            RecordFixture.interTokenGaps(count: interTokenCount, seed: UInt64(index)).map { Double($0) }
        }
    }

    // One row per case: rare, but written while the next case may already run.
    let rowSummary: @Sendable () -> CaseSummary = {
        summary(
            of: RecordFixture.records(count: concurrency, concurrency: concurrency, interTokenCount: interTokenCount)
        )
    }
    Benchmark("ResultRow init", configuration: quick) { (benchmark: Benchmark, summary: CaseSummary) in
        for _ in benchmark.scaledIterations { blackHole(ResultRow(summary)) }
    } setup: {
        rowSummary()
    }
    Benchmark("ResultRow.csvLine", configuration: quick) { (benchmark: Benchmark, row: ResultRow) in
        for _ in benchmark.scaledIterations { blackHole(row.csvLine) }
    } setup: {
        ResultRow(rowSummary())
    }
    Benchmark("ResultRow.jsonLine", configuration: quick) { (benchmark: Benchmark, row: ResultRow) in
        for _ in benchmark.scaledIterations { blackHole(row.jsonLine) }
    } setup: {
        ResultRow(rowSummary())
    }
    Benchmark("ResultRow.csvHeader", configuration: quick) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(ResultRow.csvHeader) }
    }
}
