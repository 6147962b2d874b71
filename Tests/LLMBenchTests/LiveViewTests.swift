import Foundation
import LLMBenchSimulator
import Testing

@testable import LLMBench

/// Shards' live snapshots (`--live-dir`) merged by `llm-bench live`: counts exact, percentiles from
/// the added histograms within their resolution, damaged files and absent folders said as such.
struct LiveViewTests {
    @Test func aLatencyReadBackFromItsBucketsIsTheSameHistogram() throws {
        var latency = LiveLatency()
        for nanoseconds: UInt64 in [900, 1_000, 15_000_000, 15_040_000, 2_000_000_000, 90_000_000_000_000] {
            latency.record(nanoseconds: nanoseconds)
        }
        let read = try #require(LiveLatency(buckets: latency.buckets))
        #expect(read.buckets == latency.buckets)
        #expect(read.count == 6)
        #expect(read.milliseconds(at: 100) ?? 0 >= 86_400_000 * 0.99, "beyond a day: recorded as a day")
        for wrong: [[UInt64]] in [
            [[5]], [[5, 0]], [[LiveLatency.largestBucketValue + 1, 1]], [[1, 1], [2, UInt64.max], [3, 5]],
            [[1, LiveLatency.largestCount], [2, 1]],
        ] {
            #expect(LiveLatency(buckets: wrong) == nil)
        }
    }

    @Test func threeShardsLiveViewsAddUpToTheUnionOfTheirRecords() async throws {
        try await withTemporaryDirectory { directory in
            let live = directory + "/live"
            let reports = try await withSimulatedServer(options: deterministicSimulator) { server in
                try await withThrowingTaskGroup(of: BenchmarkReport.self) { group in
                    for index in 0..<3 {
                        var config = benchmarkConfig(server: server, directory: directory, runs: 2, concurrency: 6)
                        config.shard = ShardSelection(index: index, count: 3)
                        config.commonStart = CommonStart(
                            notBeforeUnixNanoseconds: nil,
                            syncDirectory: directory + "/sync",
                            timeoutSeconds: 60
                        )
                        config.liveSnapshotDirectory = live
                        group.addTask { try await BenchmarkRunner(config: config).run() }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
            }
            let view = try LiveView.read(directory: live)
            #expect(view.isFinished && view.shardCount == 3 && view.reporting == [0, 1, 2])
            #expect(view.caseIndex == 1 && view.atCase == [0, 1, 2], "the last case, every shard at it")
            let records = try reports.flatMap { try jsonObjects(ofFile: $0.files.requests) }
                .filter { $0["case"] as? Int == 1 && $0["warmup"] as? Bool == false }
            #expect(view.succeeded == records.count && view.succeeded == 2 * 6 && view.failed == 0)
            #expect(view.started == records.count)
            #expect(view.outputTokens == records.compactMap { $0["output_tokens_counted"] as? Int }.reduce(0, +))
            let ttft = records.compactMap { $0["ttft_ms"] as? Double }.sorted()
            let itl = records.flatMap { $0["itl_ms"] as? [Double] ?? [] }.sorted()
            for (latency, values) in [(view.timeToFirstToken, ttft), (view.interTokenLatency, itl)] {
                #expect(latency.count == UInt64(values.count), "every value of every shard, once")
                for percentile in [50.0, 90, 99] {
                    let rank = Int((percentile / 100 * Double(values.count)).rounded(.up)) - 1
                    let low = values[max(0, rank - 1)] * 0.99 - 0.001
                    let high = values[min(values.count - 1, rank + 1)] * 1.01 + 0.001
                    let figure = try #require(latency.milliseconds(at: percentile))
                    #expect((low...high).contains(figure), "p\(percentile) \(figure) ms within 1 % of the union's")
                }
            }
            #expect(view.description.contains("case 2: 3 of 3 shards · 12 ok, 0 failed, 0 in flight"))
        }
    }

    @Test func aFolderNotYetMadeHasNoShardAndADamagedSnapshotIsNamed() async throws {
        try await withTemporaryDirectory { directory in
            let empty = try LiveView.read(directory: directory + "/not-yet")
            #expect(empty.shardCount == 0 && !empty.isFinished)
            #expect(empty.description.hasPrefix("no shard has written a live snapshot"))
            var snapshot = LiveSnapshot(shard: ShardSelection(index: 1, count: 2)!, runID: "r")
            snapshot.caseIndex = 0
            snapshot.isFinished = true
            try snapshot.encoded().write(to: URL(fileURLWithPath: directory + "/shard-1-of-2.live.json"))
            try Data("{\"version\": 1".utf8).write(to: URL(fileURLWithPath: directory + "/shard-0-of-2.live.json"))
            let view = try LiveView.read(directory: directory)
            #expect(view.reporting == [1] && !view.isFinished, "one shard of two finished is not the run")
            #expect(view.unreadableFiles == [directory + "/shard-0-of-2.live.json"])
            #expect(view.description.contains("not reporting: shard 0"))
            try Data().write(to: URL(fileURLWithPath: directory + "/file"))
            #expect(throws: LiveViewError.self) { try LiveView.read(directory: directory + "/file") }
        }
    }

    @Test func snapshotsWithFiguresNoRunHasAreRefusedRatherThanOverflowTheSums() throws {
        let valid = LiveSnapshot(shard: ShardSelection(index: 0, count: 2)!, runID: "r").encoded()
        #expect(LiveSnapshot(decoding: valid) != nil)
        let object = try #require(try JSONSerialization.jsonObject(with: valid) as? [String: Any])
        for (key, value) in [("shards", 1_000_000_000), ("started", Int.max), ("ok", -1), ("written_unix_ns", -5)] {
            var changed = object
            changed[key] = value
            #expect(LiveSnapshot(decoding: try JSONSerialization.data(withJSONObject: changed)) == nil, "\(key)")
        }
    }

    @Test func aShardWhoseSnapshotStoppedIsNamedQuietAndLeftOut() async throws {
        try await withTemporaryDirectory { directory in
            var finished = LiveSnapshot(shard: ShardSelection(index: 0, count: 2)!, runID: "a")
            finished.caseIndex = 0
            finished.isFinished = true
            finished.succeeded = 4
            finished.writtenAtUnixNanoseconds = 100_000_000_000
            var stopped = LiveSnapshot(shard: ShardSelection(index: 1, count: 2)!, runID: "b")
            stopped.caseIndex = 0
            stopped.succeeded = 3
            stopped.writtenAtUnixNanoseconds = 80_000_000_000
            for snapshot in [finished, stopped] {
                try snapshot.encoded().write(
                    to: URL(fileURLWithPath: directory + "/" + LiveSnapshot.fileName(of: snapshot.shard))
                )
            }
            let view = try LiveView.read(directory: directory)
            #expect(view.quiet == [1] && view.reporting == [0])
            #expect(view.succeeded == 4, "a stopped shard's old figures are not merged")
            #expect(view.isFinished, "nothing more will come")
            #expect(view.description.contains("gone quiet: shard 1"))
        }
    }

    @Test func theBinaryPrintsTheViewOnceAndRefusesAFileAsTheFolder() async throws {
        try await withTemporaryDirectory { directory in
            var snapshot = LiveSnapshot(shard: .whole, runID: "r")
            snapshot.caseIndex = 0
            snapshot.started = 3
            snapshot.succeeded = 2
            try snapshot.encoded().write(to: URL(fileURLWithPath: directory + "/shard-0-of-1.live.json"))
            let shown = try await runBinary(["live", directory, "--once"], in: directory)
            #expect(shown.status == 0, "\(shown.standardError)")
            #expect(shown.standardOutput == "case 1: 1 of 1 shards · 2 ok, 0 failed, 1 in flight\n")
            let refused = try await runBinary(["live", directory + "/shard-0-of-1.live.json", "--once"], in: directory)
            #expect(refused.status == 2)
            #expect(refused.standardError.contains("cannot be read"))
        }
    }
}
