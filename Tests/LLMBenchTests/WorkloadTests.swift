import Foundation
import LLMBenchSimulator
import LLMBenchSupport
import Testing

@testable import LLMBench

/// Length distributions, pairs, datasets and shared prefixes, prepared against the simulator.
struct WorkloadTests {
    static func builder(server: SimulatedServer, configPath: String = packageRoot + "/configs/demo.yaml") async throws
        -> (CaseRequestBuilder, ControlClient)
    {
        let (preparer, client) = try await makePromptPreparer(server: server)
        let library = PromptLibrary(preparer: preparer, cache: nil, regenerate: false)
        return (CaseRequestBuilder(library: library, configPath: configPath), client)
    }

    @Test func drawnLengthsStayInTheirBoundsAndPromptsAreExact() async throws {
        try await withSimulatedServer(options: instantSimulator) { server in
            let (builder, client) = try await Self.builder(server: server)
            let workload = Workload.lengths(
                input: .uniform(10, 40),
                output: .normal(mean: 20, standardDeviation: 5, min: 8, max: 30)
            )
            var random = SeededRandom(seed: 1)
            let outcome = try await builder.requests(for: BenchmarkCase(workload: workload), count: 24, random: &random)
            await client.close()
            #expect(outcome.requests.count == 24)
            for request in outcome.requests {
                #expect((10...40).contains(request.prompt.target))
                #expect(request.prompt.tokens == request.prompt.target)
                #expect(SimulatedTokenizer().count(request.prompt.text) == request.prompt.target)
                #expect((8...30).contains(request.outputTokens))
            }
            #expect(Set(outcome.requests.map(\.prompt.target)).count > 5)
        }
    }

    @Test func pairsAreUsedInTurn() async throws {
        try await withSimulatedServer(options: instantSimulator) { server in
            let (builder, client) = try await Self.builder(server: server)
            let pairs = [LengthPair(inputTokens: 12, outputTokens: 3), LengthPair(inputTokens: 30, outputTokens: 9)]
            var random = SeededRandom(seed: 2)
            let outcome = try await builder.requests(
                for: BenchmarkCase(workload: .pairs(pairs)),
                count: 4,
                random: &random
            )
            await client.close()
            #expect(outcome.requests.map(\.prompt.target) == [12, 30, 12, 30])
            #expect(outcome.requests.map(\.outputTokens) == [3, 9, 3, 9])
        }
    }

    @Test func requestsOfAPrefixGroupShareTheirFirstTokens() async throws {
        try await withSimulatedServer(options: instantSimulator) { server in
            let (builder, client) = try await Self.builder(server: server)
            var random = SeededRandom(seed: 3)
            let benchmarkCase = BenchmarkCase(
                workload: .lengths(input: .fixed(80), output: .fixed(4)),
                sharedPrefix: SharedPrefix(tokens: 50, groups: 2)
            )
            let outcome = try await builder.requests(for: benchmarkCase, count: 6, random: &random)
            await client.close()
            let tokenizer = SimulatedTokenizer()
            let ids = outcome.requests.map { tokenizer.tokenize($0.prompt.text) }
            #expect(ids.allSatisfy { $0.count == 80 })
            #expect(ids[0].prefix(50) == ids[2].prefix(50) && ids[2].prefix(50) == ids[4].prefix(50))
            #expect(ids[1].prefix(50) == ids[3].prefix(50))
            #expect(ids[0].prefix(50) != ids[1].prefix(50))
            #expect(ids[0].suffix(30) != ids[2].suffix(30))
        }
    }

    @Test func aJSONLDatasetIsMeasuredByTheServersTokenizer() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/data.jsonl"
            try """
            {"prompt": "Xin chào, bạn khỏe không?", "output_tokens": 7}

            {"prompt": "Hà Nội mùa thu rất đẹp và yên bình.", "max_tokens": 12}
            """.write(toFile: path, atomically: true, encoding: .utf8)
            try await withSimulatedServer(options: instantSimulator) { server in
                let (builder, client) = try await Self.builder(server: server)
                var random = SeededRandom(seed: 4)
                let outcome = try await builder.requests(
                    for: BenchmarkCase(workload: .dataset(path: path, format: .jsonl, maxRequests: nil)),
                    count: 1,
                    random: &random
                )
                await client.close()
                #expect(outcome.requests.map(\.outputTokens) == [7, 12])
                #expect(
                    outcome.requests.map(\.prompt.tokens) == [
                        SimulatedTokenizer().count("Xin chào, bạn khỏe không?"),
                        SimulatedTokenizer().count("Hà Nội mùa thu rất đẹp và yên bình."),
                    ]
                )
                #expect(outcome.requests.allSatisfy { $0.prompt.origin == "dataset" })
            }
        }
    }

    @Test func aShareGPTFileTakesTheFirstQuestionAndTheLengthOfItsAnswer() throws {
        let text = """
            [{"id": "a", "conversations": [{"from": "human", "value": "Phở là gì?"}, {"from": "gpt", "value": "Phở là món ăn của Hà Nội."}]},
             {"id": "b", "conversations": [{"from": "gpt", "value": "lone answer"}]},
             {"id": "c", "conversations": [{"from": "user", "value": "Chào"}, {"from": "assistant", "value": "Chào bạn"}]}]
            """
        let entries = try Dataset.parse(text, format: .sharegpt, path: "share.json")
        #expect(entries.map(\.prompt) == ["Phở là gì?", "Chào"])
        #expect(entries.map(\.referenceAnswer) == ["Phở là món ăn của Hà Nội.", "Chào bạn"])
    }

    @Test(arguments: [
        ("{\"prompt\": \"a\"}\nnot json\n", 2, "not a JSON object"),
        ("{\"text\": \"a\"}\n", 1, "no \"prompt\""),
        ("{\"prompt\": \"a\", \"output_tokens\": 0}\n", 1, "at least 1"),
        ("{\"prompt\": \"a\", \"output_tokens\": \"many\"}\n", 1, "whole number"),
    ])
    func malformedDatasetLinesAreReportedWithTheirNumber(text: String, line: Int, reason: String) {
        #expect {
            try Dataset.parse(text, format: .jsonl, path: "data.jsonl")
        } throws: { error in
            guard case PromptError.dataset(let path, let reported, let message) = error else { return false }
            return path == "data.jsonl" && reported == line && message.contains(reason)
                && "\(error)".contains("line \(line)")
        }
    }

    @Test func aMissingDatasetIsAClearError() {
        #expect {
            try Dataset.load(path: "nowhere.jsonl", format: .jsonl, configPath: "configs/x.yaml", limit: nil)
        } throws: { error in
            "\(error)".contains("nowhere.jsonl") && "\(error)".contains("not found")
        }
    }

    @Test func workloadCasesParseFromYAML() throws {
        let config = try ConfigLoader.parse(
            yaml: """
                runs: 1
                num_concurrent_requests: 1
                cases:
                  - {input_tokens: {uniform: [100, 300]}, output_tokens: {normal: {mean: 200, stddev: 50, min: 50, max: 400}}}
                  - {pairs: [[128, 64], [512, 128]]}
                  - {dataset: data.jsonl, max_requests: 50}
                  - {dataset: share.json, format: sharegpt}
                  - {input_tokens: 512, output_tokens: 64, shared_prefix_tokens: 256, prefix_groups: 4}
                """,
            file: "w.yaml"
        )
        #expect(
            config.cases[0].workload
                == .lengths(
                    input: .uniform(100, 300),
                    output: .normal(mean: 200, standardDeviation: 50, min: 50, max: 400)
                )
        )
        #expect(config.cases[0].inputTokens == 200 && config.cases[0].outputTokens == 200)
        #expect(
            config.cases[1].workload
                == .pairs([
                    LengthPair(inputTokens: 128, outputTokens: 64), LengthPair(inputTokens: 512, outputTokens: 128),
                ])
        )
        #expect(config.cases[2].workload == .dataset(path: "data.jsonl", format: .jsonl, maxRequests: 50))
        #expect(config.cases[3].workload == .dataset(path: "share.json", format: .sharegpt, maxRequests: nil))
        #expect(config.cases[4].sharedPrefix == SharedPrefix(tokens: 256, groups: 4))
        #expect(config.cases[4].inputTokens == 512)
    }

    @Test(arguments: [
        ("{input_tokens: {uniform: [300, 100]}, output_tokens: 1}", "'cases[0].input_tokens.uniform[1]' is 100"),
        ("{input_tokens: {gauss: 3}, output_tokens: 1}", "unknown key 'cases[0].input_tokens.gauss'"),
        ("{pairs: [[1]]}", "a pair [input_tokens, output_tokens]"),
        ("{input_tokens: 100, output_tokens: 1, shared_prefix_tokens: 100}", "shorter than input_tokens"),
        ("{dataset: d.jsonl, format: csv}", "'cases[0].format' is 'csv'"),
    ])
    func badWorkloadsAreClearErrors(entry: String, message: String) {
        let text = "runs: 1\nnum_concurrent_requests: 1\ncases:\n  - \(entry)\n"
        #expect {
            try ConfigLoader.parse(yaml: text, file: "bench.yaml")
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func drawnLengthDistributionsHaveTheirMeans() {
        var random = SeededRandom(seed: 9)
        let uniform = (0..<20_000).map { _ in LengthDistribution.uniform(100, 300).sample(using: &random) }
        #expect(abs(Double(uniform.reduce(0, +)) / 20_000 - 200) < 2)
        #expect(uniform.min()! >= 100 && uniform.max()! <= 300)
        let normal = (0..<20_000).map { _ in
            LengthDistribution.normal(mean: 200, standardDeviation: 20, min: 1, max: 1000).sample(using: &random)
        }
        #expect(abs(Double(normal.reduce(0, +)) / 20_000 - 200) < 1)
    }
}
