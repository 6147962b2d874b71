import Foundation
import LLMBenchSimulator
import NIOCore
import Testing

@testable import LLMBench

/// The simulator's prefix cache as llm-bench meets it: the config's keys, the `simulate` flags,
/// each record's `cached_tokens` and the server figures' hit rate against the simulator's truth.
@Suite(.timeLimit(.minutes(2)))
struct SimulatorPrefixCacheTests {
    private static let minimal = "runs: 1\nnum_concurrent_requests: 1\ncases: [{input_tokens: 4, output_tokens: 2}]"

    @Test func theConfigKeysDefaultToACacheOfBlocksOf16() throws {
        let config = try ConfigLoader.parse(yaml: Self.minimal, file: "c.yaml")
        #expect(config.simulator.prefixCache)
        #expect(config.simulator.prefixCacheBlockTokens == 16)
        #expect(config.simulator.prefixCacheTokens == 1_048_576)
    }

    @Test(arguments: [
        (
            "{prefix_cache_tokens: 8}",
            "'simulator.prefix_cache_tokens' is 8, but it must be at least prefix_cache_block_tokens (16), one block."
        ),
        (
            "{prefix_cache_block_tokens: 0}",
            "'simulator.prefix_cache_block_tokens' is 0, but it must be between 1 and 1048576."
        ),
        ("{prefix_cache: maybe}", "'simulator.prefix_cache'"),
        ("{prefix_cache_block: 4}", "unknown key 'simulator.prefix_cache_block'"),
    ])
    func aBadPrefixCacheKeyIsNamed(section: String, message: String) {
        let yaml = Self.minimal + "\nsimulator: \(section)"
        #expect {
            try ConfigLoader.parse(yaml: yaml, file: "c.yaml")
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func recordsAndTheServerHitRateAreTheSimulatorsCachedTokens() async throws {
        var options = SimulatorOptions(
            latency: .deterministic(timeToFirstTokenMilliseconds: 1, interTokenMilliseconds: 1)
        )
        options.prefixCache = PrefixCacheOptions(blockTokens: 4)
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: options) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 3, concurrency: 2)
                config.cases = [
                    BenchmarkCase(
                        workload: .lengths(input: .fixed(40), output: .fixed(3)),
                        sharedPrefix: SharedPrefix(tokens: 32, groups: 1)
                    )
                ]
                config.serverMetrics.intervalMilliseconds = 100
                let report = try await BenchmarkRunner(config: config).run()
                let records = try jsonObjects(ofFile: report.files.requests)
                let ids = records.compactMap { $0["request_id"] as? String }
                let truths = try ids.map { id in try #require(server.truth(requestID: id)) }
                #expect(truths.count == 6)
                #expect(records.map { $0["cached_tokens"] as? Int } == truths.map(\.cachedTokens))
                // All six share 32 tokens, 8 blocks; the first one in finds none of them.
                #expect(truths.filter { $0.cachedTokens >= 32 }.count >= 5, "\(truths.map(\.cachedTokens))")
                #expect(truths.allSatisfy { $0.cachedTokens % 4 == 0 && $0.cachedTokens < $0.promptTokens })
                let figures = try #require(report.cases.first?.serverFigures)
                let hits = Double(truths.reduce(0) { $0 + $1.cachedTokens })
                let queries = Double(truths.reduce(0) { $0 + $1.promptTokens })
                #expect(figures.prefixCacheHitRate == hits / queries)
                #expect(figures.promptTokensDifference == 0, "vLLM counts cached prompt tokens too")
            }
        }
    }

    /// Runs a case of two runs with a shared prefix against `llm-bench simulate` started with `flags`;
    /// returns the `cached_tokens` of the benchmark's requests, from the simulator's truth.
    private func cachedTokens(simulating flags: [String]) async throws -> [Int] {
        try await withTemporaryDirectory { directory in
            let simulator = try RunningBinary(
                ["simulate", "--port", "0", "--deterministic", "--ttft-ms", "1", "--itl-ms", "1"] + flags,
                in: directory
            )
            #expect(await simulator.waitForStandardError(containing: "(Ctrl-C stops it)"))
            let announced = simulator.standardErrorSoFar
            let url = try #require(announced.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") })
            let port = try #require(url.split(separator: ":").last?.split(separator: "/").first.flatMap { Int($0) })
            _ = try writeBenchConfig(
                """
                base_url: \(url)
                model: llm-bench-sim
                runs: 2
                num_concurrent_requests: 1
                cases: [{input_tokens: 40, output_tokens: 2, shared_prefix_tokens: 32}]
                """,
                in: directory
            )
            let result = try await runBinary(["bench.yaml", "--quiet"], in: directory)
            let truth = try await fetch(port: port, path: "/sim/truth").get()
            simulator.send(SIGINT)
            _ = await simulator.finish()
            #expect(result.status == 0, "\(result.standardError)")
            let truths = try JSONDecoder().decode([RequestTruth].self, from: Data(truth.body.utf8))
            return truths.filter { $0.requestID.hasPrefix("llmb-") }.map(\.cachedTokens)
        }
    }

    @Test func theSimulateFlagsSetTheBlockAndTurnTheCacheOff() async throws {
        // The 32 shared tokens are 4 blocks of 8; the first request finds none, each later one all 4.
        let cached = try await cachedTokens(simulating: ["--prefix-cache-block", "8", "--prefix-cache-tokens", "4096"])
        #expect(cached.count >= 2)
        #expect(cached.first == 0)
        #expect(cached.dropFirst().allSatisfy { $0 == 32 }, "\(cached)")
        let off = try await cachedTokens(simulating: ["--no-prefix-cache"])
        #expect(off.count == cached.count)
        #expect(off.allSatisfy { $0 == 0 })
    }

    @Test(arguments: [
        (["--prefix-cache-block", "0"], "prefixCache.blockTokens = 0 is not usable: it must be at least 1"),
        (["--prefix-cache-tokens", "8"], "it must hold at least one block of 16 tokens"),
    ])
    func aBadSimulateFlagExitsWithTwo(flags: [String], message: String) async throws {
        let result = try await runBinary(["simulate"] + flags, in: NSTemporaryDirectory())
        #expect(result.status == 2, "\(result.standardError)")
        #expect(CommandLineTests.words(result.standardError).contains(message), "\(result.standardError)")
    }
}
