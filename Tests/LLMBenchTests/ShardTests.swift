import Foundation
import LLMBenchSimulator
import Testing

@testable import LLMBench

/// A benchmark split into shards: each takes its share of every count, the shares sum to the
/// configured load exactly, and the shards' request ids and files never collide.
struct ShardTests {
    @Test func sharesOfEveryCountSumToTheWholeAndDifferByAtMostOne() throws {
        for count in 1...9 {
            let shards = (0..<count).map { ShardSelection(index: $0, count: count)! }
            for total in [count, count + 1, 7, 10, 64, 100, 1_000, 1_023, 99_991] where total >= count {
                let shares = shards.map { $0.share(of: total) }
                #expect(shares.reduce(0, +) == total, "\(total) over \(count)")
                #expect((shares.max() ?? 0) - (shares.min() ?? 0) <= 1)
                #expect(shares == shares.sorted(by: >), "remainders go to the first shards")
            }
            let rate = shards.map { $0.share(ofRate: 12.5) }.reduce(0, +)
            #expect(abs(rate - 12.5) < 1e-9)
        }
    }

    @Test func aShardIsIOfNFromTheCommandLineOrAnIndexedJob() throws {
        #expect(ShardSelection(parsing: "2/4") == ShardSelection(index: 2, count: 4))
        for wrong in ["4/4", "-1/4", "1/0", "1", "a/b", "1/2/3", ""] { #expect(ShardSelection(parsing: wrong) == nil) }
        let job = try ShardSelection.fromEnvironment(["JOB_COMPLETION_INDEX": "3", "JOB_COMPLETION_COUNT": "8"])
        #expect(job == ShardSelection(index: 3, count: 8))
        #expect(try ShardSelection.fromEnvironment([:]) == nil)
        #expect(throws: ShardError.countMissing(index: "3")) {
            try ShardSelection.fromEnvironment(["JOB_COMPLETION_INDEX": "3"])
        }
        #expect(throws: ShardError.self) {
            try ShardSelection.fromEnvironment(["JOB_COMPLETION_INDEX": "8", "JOB_COMPLETION_COUNT": "8"])
        }
    }

    static func config(_ load: String, shard: ShardSelection) throws -> BenchmarkConfig {
        var config = try ConfigLoader.parse(
            yaml:
                "runs: 3\nnum_concurrent_requests: 10\nseed: 1\n\(load)cases: [{input_tokens: 8, output_tokens: 4}]\n",
            file: "bench.yaml"
        )
        config.shard = shard
        return config
    }

    @Test func eachModesLoadIsDividedAmongTheShards() throws {
        let shards = (0..<4).map { ShardSelection(index: $0, count: 4)! }
        let waves = try shards.map { try LoadPlan(Self.config("", shard: $0), origin: .commandLine).points }
        #expect(waves == [3, 3, 2, 2].map { [.waves(runs: 3, concurrency: $0)] })
        let steady = try shards.map {
            try LoadPlan(Self.config("load: {mode: concurrency, requests: 50}\n", shard: $0), origin: .commandLine)
                .points
        }
        #expect(steady == [(3, 13), (3, 13), (2, 12), (2, 12)].map { [.concurrency($0.0, requests: $0.1)] })
        let rate = try shards.map {
            try LoadPlan(Self.config("load: {mode: rate, rate: 10, requests: 30}\n", shard: $0), origin: .commandLine)
                .points
        }
        #expect(rate == [8, 8, 7, 7].map { [.rate(2.5, requests: $0)] })
        let sweep = try LoadPlan(
            Self.config("load: {mode: sweep, sweep: {concurrency: [4, 8]}}\n", shard: shards[3]),
            origin: .commandLine
        )
        #expect(sweep.points == [.concurrency(1, requests: 3), .concurrency(2, requests: 6)])
        let warmups = try shards.map {
            try LoadPlan(Self.config("load: {warmup: 10}\n", shard: $0), origin: .commandLine).settings.warmup
        }
        #expect(warmups == [3, 3, 2, 2], "the warm-up too, so the shards' warm-ups end in step")
    }

    @Test func aLoadThatLeavesAShardNothingOrCannotBeDividedIsRefused() throws {
        let many = ShardSelection(index: 0, count: 16)!
        for load in ["", "load: {mode: sweep, sweep: {search: true, max_concurrency: 64}}\n"] {
            let config = try Self.config(load, shard: many)
            #expect(throws: ConfigError.self) { try config.checkShard() }
        }
        var unseeded = try Self.config("", shard: ShardSelection(index: 0, count: 2)!)
        unseeded.seed = nil
        #expect(throws: ConfigError.self) { try unseeded.checkShard() }
        #expect(throws: Never.self) { try Self.config("", shard: ShardSelection(index: 1, count: 2)!).checkShard() }
    }

    @Test func threeShardsSendExactlyTheConfiguredLoadWithDisjointIDsAndFiles() async throws {
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: instantSimulator) { server in
                var reports: [BenchmarkReport] = []
                for index in 0..<3 {
                    var config = benchmarkConfig(server: server, directory: directory, runs: 2, concurrency: 7)
                    config.seed = 5
                    config.load.warmup = 0
                    config.cases = [BenchmarkCase(inputTokens: 6, outputTokens: 3)]
                    config.shard = ShardSelection(index: index, count: 3)
                    reports.append(try await BenchmarkRunner(config: config).run())
                }
                #expect(reports.map { $0.cases.first?.successfulRequests } == [6, 4, 4], "2 runs x 3, 2, 2")
                #expect(reports.allSatisfy { $0.files.runID.hasSuffix("of3") })
                #expect(Set(reports.map(\.files.requests)).count == 3, "each shard its own files in one folder")
                let ids = try reports.flatMap { report in
                    try jsonObjects(try lines(ofFile: report.files.requests)).compactMap { $0["request_id"] as? String }
                }
                #expect(ids.count == 14 && Set(ids).count == 14)
                #expect(server.truths().filter { $0.requestID.hasPrefix("llmb-") }.count == 14)
                let summary = try JSONSerialization.jsonObject(
                    with: Data(contentsOf: URL(fileURLWithPath: reports[1].files.summary))
                )
                #expect((summary as? [String: Any])?["shard"] as? [String: Int] == ["index": 1, "count": 3])
            }
        }
    }

    @Test func shardsReplayEveryNthRowOfATraceAtItsOwnTimeWithTheSamePrompts() async throws {
        let rows = (0..<7).map { row in
            "{\"offset_ms\": \(row * 3), \"input_tokens\": \(10 + row), \"output_tokens\": 2, \"hash_ids\": [1, \(row)]}"
        }
        try await withTemporaryDirectory { directory in
            let path = directory + "/t.jsonl"
            try rows.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
            try await withSimulatedServer(options: instantSimulator) { server in
                var sent: [(offset: Double, input: Int, server: Int?)] = []
                for index in 0..<2 {
                    var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 1)
                    config.seed = 3
                    config.load.warmup = 0
                    var settings = TraceSettings(path: path, format: .jsonl)
                    settings.blockTokens = 4
                    config.cases = [BenchmarkCase(workload: .trace(settings))]
                    config.shard = ShardSelection(index: index, count: 2)
                    let report = try await BenchmarkRunner(config: config).run()
                    let records = try jsonObjects(try lines(ofFile: report.files.requests))
                        .sorted { ($0["index"] as? Int ?? 0) < ($1["index"] as? Int ?? 0) }
                    #expect(records.count == (index == 0 ? 4 : 3))
                    sent += records.map {
                        (
                            $0["scheduled_offset_ms"] as? Double ?? -1, $0["input_tokens"] as? Int ?? 0,
                            $0["input_tokens_server"] as? Int
                        )
                    }
                }
                let byTime = sent.sorted { $0.offset < $1.offset }
                #expect(byTime.map(\.offset) == (0..<7).map { Double($0 * 3) }, "every row once, at its own time")
                #expect(byTime.map(\.input) == (0..<7).map { 10 + $0 })
                #expect(byTime.allSatisfy { $0.server == $0.input }, "each prompt exact in the server's tokens")
            }
        }
    }

    @Test func shardsTakeTheWholesItemsInTurnAsOneProcessWould() {
        let whole = Array(0..<6)
        for count in 1...4 {
            let shards = (0..<count).map { ShardSelection(index: $0, count: count)!.inTurn(whole) }
            // The whole's g-th request is shard g mod N's (g / N)-th; each cycles through its list.
            for request in 0..<30 {
                let shard = shards[request % count]
                #expect(shard[(request / count) % shard.count] == whole[request % whole.count])
            }
        }
    }

    @Test(arguments: [false, true])
    func eachOfTheWholesRequestsIsAShardsInTurnWithTheSamePrompt(sessions: Bool) async throws {
        var workload = drawnSessions(turns: 2, output: 3)
        workload.source = .synthetic(
            turns: .uniform(1, 3),
            userTokens: .uniform(5, 60),
            outputTokens: .fixed(3),
            systemTokens: nil
        )
        let benchmarkCase =
            sessions
            ? BenchmarkCase(workload: .sessions(workload))
            : BenchmarkCase(workload: .lengths(input: .uniform(5, 60), output: .fixed(3)))
        let configure = { (shard: ShardSelection?) in
            { (config: inout BenchmarkConfig) in
                config.api = .chat
                config.cases = [benchmarkCase]
                config.seed = 11
                config.runs = 2
                config.concurrency = 4
                config.load.warmup = 0
                config.shard = shard
            }
        }
        // Each request's (or session's) first prompt, by its number among its process's (run · per run + index).
        let firstPrompts = { (truths: [RequestTruth], perRun: Int) -> [Int: Int] in
            var prompts: [Int: Int] = [:]
            for truth in truths where truth.requestID.hasPrefix("llmb-") && (truth.turn ?? 1) == 1 {
                let parts = truth.requestID.split(separator: "-")
                let run = parts.compactMap { $0.first == "r" ? Int($0.dropFirst()) : nil }
                let index = parts.compactMap { $0.first == "i" ? Int($0.dropFirst()) : nil }
                if let run = run.first, let index = index.first { prompts[run * perRun + index] = truth.promptTokens }
            }
            return prompts
        }
        let whole = firstPrompts(try await runLoad(configure(nil)).2, 4)
        var shards: [[Int: Int]] = []
        for index in 0..<2 {
            shards.append(firstPrompts(try await runLoad(configure(ShardSelection(index: index, count: 2))).2, 2))
        }
        #expect(whole.count == 8 && shards.map(\.count) == [4, 4])
        #expect(Set(whole.values).count > 2, "the prompts differ")
        for number in 0..<8 {
            #expect(
                shards[number % 2][number / 2] == whole[number],
                "the whole's \(number)-th is shard \(number % 2)'s \(number / 2)-th, with the same prompt"
            )
        }
    }

    @Test func theBinaryRefusesABadShardAndAnIndexedJobWithoutItsCount() async throws {
        try await withTemporaryDirectory { directory in
            _ = try writeBenchConfig(
                "runs: 1\nnum_concurrent_requests: 2\nseed: 1\ncases:\n  - {input_tokens: 4, output_tokens: 2}\n",
                in: directory
            )
            let bad = try await runBinary(["bench.yaml", "--shard", "2/2"], in: directory)
            #expect(bad.status == 2)
            #expect(bad.standardError.contains("--shard"))
            let job = try await runBinary(["bench.yaml"], in: directory, environment: ["JOB_COMPLETION_INDEX": "1"])
            #expect(job.status == 2)
            #expect(job.standardError.contains("JOB_COMPLETION_COUNT"))
            let wide = try await runBinary(["bench.yaml", "--shard", "0/3"], in: directory)
            #expect(wide.status == 2)
            #expect(wide.standardError.contains("each of the 3 shards gets at least one"), "\(wide.standardError)")
        }
    }
}
