import Foundation
import LLMBenchSimulator
import Testing

@testable import LLMBench

/// The shards of a run merged into the run one process would have written: records read back
/// exactly, figures made from their union, shards of other runs refused and missing ones named.
struct ShardMergeTests {
    @Test func aRecordReadBackFromItsLineIsTheRecordItWasWrittenFrom() throws {
        var odd = OutputFixture.records[0]
        odd.timeToFirstTokenNanoseconds = 12_345_679
        odd.startOffsetNanoseconds = 3_000_000_001
        odd.interTokenNanoseconds = [1, 999_999, 4_294_967_296, 7]
        odd.serverReport = ServerReport(
            cachedPromptTokens: 32,
            timings: ServerTimings(
                promptTokens: 96,
                promptMilliseconds: 1.0 / 3,
                predictedTokens: 5,
                predictedMilliseconds: 41.234567891
            )
        )
        odd.sessionPosition = SessionPosition(session: 3, turn: 2)
        odd.turnsNotSent = 0
        for record in OutputFixture.records + [odd] {
            let line = record.jsonLine()
            var scanner = line.withUnsafeBytes { bytes in
                JSONLineScanner(bytes, range: 0..<bytes.count)
            }
            var read = try RequestRecord.scanning(&scanner)
            #expect(read.jsonLine() == line, "every written field the same")
            if let failure = record.failure {
                #expect(read.failure?.kind == failure.kind && read.failure?.message == failure.message)
                read.failure = failure
            }
            #expect(read == record)
        }
    }

    @Test func mergedShardsHaveTheFiguresOfTheUnionOfTheirRecords() async throws {
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: deterministicSimulator) { server in
                for index in 0..<3 {
                    var config = benchmarkConfig(server: server, directory: directory, runs: 2, concurrency: 7)
                    config.shard = ShardSelection(index: index, count: 3)
                    _ = try await BenchmarkRunner(config: config).run()
                }
                let merge = try ShardMerge(paths: [directory])
                #expect(merge.missingShards.isEmpty)
                let report = try merge.write(outputDirectory: directory + "/merged") { _ in }.report
                let union = try FileManager.default.contentsOfDirectory(atPath: directory)
                    .filter { $0.hasSuffix("_requests.jsonl") }
                    .flatMap { try jsonObjects(ofFile: directory + "/" + $0) }
                #expect(union.count == 2 * 2 * 7, "2 cases, 2 runs of 7 requests")
                for summary in report.cases {
                    let records = union.filter { $0["case"] as? Int == summary.caseIndex }
                    #expect(summary.successfulRequests == records.count && summary.failedRequests == 0)
                    #expect(summary.concurrency == 7, "the whole load, not a shard's")
                    let ttft = records.compactMap { $0["ttft_ms"] as? Double }.sorted()
                    let itl = records.flatMap { $0["itl_ms"] as? [Double] ?? [] }.sorted()
                    for (metric, values) in [(LatencyMetric.ttft, ttft), (.itl, itl)] {
                        let merged = try #require(summary.latency[metric])
                        #expect(merged.count == values.count)
                        for (figure, fraction) in [(merged.p50, 0.5), (merged.p90, 0.9), (merged.p99, 0.99)] {
                            let union = try #require(linearPercentile(fraction, of: values))
                            #expect(abs(figure - union) < 1e-9, "\(metric) p\(fraction): to the nanosecond and below")
                        }
                    }
                }
                let written = try jsonObjects(ofFile: report.files.requests)
                #expect(written.count == union.count)
                for summary in report.cases {
                    let start = summary.startedAtUnixNanoseconds
                    for record in written where record["case"] as? Int == summary.caseIndex {
                        let send = try #require(record["send_clock_ns"] as? Int)
                        let offset = try #require(record["send_offset_ms"] as? Double)
                        #expect(
                            abs(Double(send - Int(start)) - offset * 1e6) < 1,
                            "every shard's sends on one real-time axis, the report's timeline"
                        )
                    }
                }
                #expect(Set(written.compactMap { $0["request_id"] as? String }).count == union.count)
                let summary = try #require(
                    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report.files.summary)))
                        as? [String: Any]
                )
                #expect(summary["shard"] == nil)
                let facts = try #require(summary["merge"] as? [String: Any])
                #expect(facts["merged_shards"] as? [Int] == [0, 1, 2] && facts["missing_shards"] as? [Int] == [])
                let cases = try #require(facts["cases"] as? [[String: Any]])
                let shards = try #require(cases.first?["shards"] as? [[String: Any]])
                #expect(
                    shards.compactMap { ($0["figures"] as? [String: Any])?["successful_requests"] as? Int } == [
                        6, 4, 4,
                    ],
                    "each shard's own figures beside the total"
                )
            }
        }
    }

    @Test func shardsOfDifferentConfigsAreRefusedAndMissingShardsNamed() async throws {
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: instantSimulator) { server in
                var paths: [String] = []
                for (index, seed) in [(0, 1), (1, 2), (2, 1), (0, 1)] {
                    var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 3)
                    config.cases = [BenchmarkCase(inputTokens: 8, outputTokens: 2)]
                    config.seed = UInt64(seed)
                    config.shard = ShardSelection(index: index, count: 3)
                    paths.append(try await BenchmarkRunner(config: config).run().files.summary)
                }
                #expect {
                    try ShardMerge(paths: Array(paths.prefix(3)))
                } throws: { error in
                    guard case .configsDiffer(_, _, let key) = error as? ShardMergeError else { return false }
                    return key == "seed"
                }
                let merge = try ShardMerge(paths: [paths[0], paths[2]])
                #expect(merge.missingShards == [1])
                let merged = try merge.write(outputDirectory: directory + "/merged") { _ in }
                #expect(merged.report.cases.first?.successfulRequests == 2, "the shards there, said to be incomplete")
                #expect(merge.consoleText(merged).contains("Missing: shard(s) 1"))
                #expect {
                    try ShardMerge(paths: [
                        paths[0], directory + "/./" + (paths[0] as NSString).lastPathComponent, paths[3],
                    ])
                } throws: { error in
                    if case .duplicateShard(0, _, _)? = error as? ShardMergeError { return true }
                    return false
                }
            }
        }
    }

    @Test func damagedShardFilesAreNamedAndNothingHalfIsWritten() async throws {
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: instantSimulator) { server in
                var files: [ResultFiles] = []
                for index in 0..<2 {
                    var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 4)
                    config.cases = [BenchmarkCase(inputTokens: 8, outputTokens: 2)]
                    config.shard = ShardSelection(index: index, count: 2)
                    files.append(try await BenchmarkRunner(config: config).run().files)
                }
                // A requests file whose last line was cut short: merged around, said, not silent.
                let requests = try String(contentsOfFile: files[1].requests, encoding: .utf8)
                try String(requests.dropLast(20)).write(toFile: files[1].requests, atomically: true, encoding: .utf8)
                let merge = try ShardMerge(paths: [directory])
                let merged = try merge.write(outputDirectory: directory + "/merged") { _ in }
                #expect(merged.lostRecords == 1)
                #expect(merged.report.cases.first?.successfulRequests == 3)
                #expect(merge.consoleText(merged).contains("Lost: shard 1's requests file lacks 1"))

                // A summary naming a case its config has not: refused before anything is written.
                let summary = try String(contentsOfFile: files[0].summary, encoding: .utf8)
                let moved = summary.replacingOccurrences(of: "\"case\" : 0", with: "\"case\" : 7")
                    .replacingOccurrences(of: "\"case\":0", with: "\"case\":7")
                #expect(moved != summary)
                try moved.write(toFile: files[0].summary, atomically: true, encoding: .utf8)
                #expect {
                    try ShardMerge(paths: [files[0].summary, files[1].summary])
                } throws: { error in
                    guard case .caseNotInConfig(_, 7, 1)? = error as? ShardMergeError else { return false }
                    return true
                }

                // A shard killed before its end, named as a file: called what it is.
                try Data().write(to: URL(fileURLWithPath: files[0].summary))
                #expect {
                    try ShardMerge(paths: [files[0].summary])
                } throws: { error in
                    guard case .unfinishedShard? = error as? ShardMergeError else { return false }
                    return true
                }
                #expect(try ShardMerge(paths: [directory]).missingShards == [0], "in a folder: merged around")
            }
        }
    }

    @Test func aShardsArrivalsAreDrawnApartFromTheOthersAtItsPlaceAmongThem() {
        var whole = ArrivalSchedule(rate: 40, arrival: .constant, burstiness: 1, seed: 1)
        let wholeOffsets = (0..<8).map { _ in whole.nextArrivalOffset() }
        var shares = (0..<4).map { index in
            ArrivalSchedule(
                rate: 10,
                arrival: .constant,
                burstiness: 1,
                seed: 1,
                firstArrivalSeconds: Double(index) / 40
            )
        }
        let sharded = (0..<2).flatMap { _ in shares.indices.map { shares[$0].nextArrivalOffset() } }
        for (mine, theirs) in zip(sharded.sorted(), wholeOffsets) { #expect(abs(mine - theirs) < 1e-12) }
    }

    @Test func fourShardProcessesStartedAsAnIndexedJobMergeIntoTheLoadOfOne() async throws {
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: deterministicSimulator) { server in
                _ = try writeBenchConfig(
                    """
                    base_url: "\(server.baseURL)"
                    model: llm-bench-sim
                    output_dir: results
                    seed: 11
                    runs: 2
                    num_concurrent_requests: 8
                    load: {warmup: 0}
                    cases:
                      - {input_tokens: 32, output_tokens: 50}
                    """,
                    in: directory
                )
                let startAt = UTCTimestamp.iso8601(Date().addingTimeInterval(2))
                let shards = try (0..<4).map { index in
                    try RunningBinary(
                        ["run", "bench.yaml", "--sync", "results/.sync", "--start-at", startAt, "-q"],
                        in: directory,
                        environment: ["JOB_COMPLETION_INDEX": "\(index)", "JOB_COMPLETION_COUNT": "4"]
                    )
                }
                var statuses: [Int32] = []
                for shard in shards { statuses.append(await shard.finish().status) }
                #expect(statuses == [0, 0, 0, 0])
                let merged = try await runBinary(["merge", "results", "--output-dir", "merged"], in: directory)
                #expect(merged.status == 0, "\(merged.standardError)")
                let run = try #require(try RunResultsLoader.load(paths: [directory + "/merged"]).first)
                let figures = try #require(run.cases.first)
                #expect(figures.number("successful_requests") == 16 && figures.number("num_concurrent_requests") == 8)
                let union = try FileManager.default.contentsOfDirectory(atPath: directory + "/results")
                    .filter { $0.hasSuffix("_requests.jsonl") }
                    .flatMap { try jsonObjects(ofFile: directory + "/results/" + $0) }
                let ttft = union.compactMap { $0["ttft_ms"] as? Double }.sorted()
                #expect(ttft.count == 16)
                for (column, fraction) in [("ttft_p50_ms", 0.5), ("ttft_p99_ms", 0.99)] {
                    let union = try #require(linearPercentile(fraction, of: ttft))
                    #expect(abs((figures.number(column) ?? 0) - union) < 1e-9, "\(column) of the union")
                }
                let truths = server.truths().filter { $0.requestID.hasPrefix("llmb-") }
                #expect(truths.count == 16)
                let edges = truths.flatMap { truth in
                    [(truth.receivedNanoseconds, 1), (truth.endedNanoseconds ?? truth.receivedNanoseconds, -1)]
                }
                let peak = edges.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.reduce(into: (now: 0, peak: 0)) {
                    $0.now += $1.1
                    $0.peak = max($0.peak, $0.now)
                }.peak
                #expect(peak == 8, "the shards' waves together: the configured concurrency at the server")
                let summaries = try FileManager.default.contentsOfDirectory(atPath: directory + "/results")
                    .filter { $0.hasSuffix("_summary.json") }
                    .map { try String(contentsOfFile: directory + "/results/" + $0, encoding: .utf8) }
                let targets = try summaries.map { text -> Int in
                    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
                    let cases = try #require(object["cases"] as? [[String: Any]])
                    return try #require((cases.first?["shard_start"] as? [String: Any])?["target_unix_ns"] as? Int)
                }
                #expect(targets.count == 4 && Set(targets).count == 1, "every shard began at one instant")
            }
        }
    }

    /// The percentile by numpy's `linear` method, written apart from the engine's.
    private func linearPercentile(_ fraction: Double, of sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let position = fraction * Double(sorted.count - 1)
        let low = Int(position)
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
    }
}
