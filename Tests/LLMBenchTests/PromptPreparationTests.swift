import Foundation
import LLMBenchSimulator
import Testing

@testable import LLMBench

/// Phase 1: prompts of exactly the asked length in the server's own tokens.
struct PromptPreparationTests {
    @Test(arguments: [1, 7, 128, 1000, 4000])
    func promptsHaveExactlyTheAskedLengthWithATokenizeEndpoint(tokens: Int) async throws {
        try await withSimulatedServer(options: instantSimulator) { server in
            let (preparer, client) = try await makePromptPreparer(server: server)
            #expect(preparer.tokenizer.source == .tokenizeVLLM)
            let prompts = try await preparer.prepare(tokens: tokens, seeds: [1, 2])
            await client.close()
            #expect(prompts.count == 2)
            for prompt in prompts {
                #expect(prompt.tokens == tokens)
                #expect(SimulatedTokenizer().count(prompt.text) == tokens, "the server counts the text itself")
                #expect(prompt.origin == "generate")
                #expect((5...10).contains(prompt.topicWords.count))
            }
            #expect(prompts[0].text != prompts[1].text)
        }
    }

    @Test(arguments: [1, 7, 128, 1000, 4000])
    func promptsHaveExactlyTheAskedLengthFromUsageCountsAlone(tokens: Int) async throws {
        var options = instantSimulator
        options.tokenizeEndpoints = false
        try await withSimulatedServer(options: options) { server in
            let (preparer, client) = try await makePromptPreparer(server: server)
            #expect(preparer.tokenizer.source == .usage)
            let prompts = try await preparer.prepare(tokens: tokens, seeds: [3])
            await client.close()
            let prompt = try #require(prompts.first)
            #expect(prompt.tokens == tokens)
            #expect(SimulatedTokenizer().count(prompt.text) == tokens)
        }
    }

    @Test func theCorpusSourceCutsTheInputFileToLength() async throws {
        try await withSimulatedServer(options: instantSimulator) { server in
            let (preparer, client) = try await makePromptPreparer(server: server, source: .corpus)
            let prompts = try await preparer.prepare(tokens: 300, seeds: [4])
            await client.close()
            let prompt = try #require(prompts.first)
            #expect(prompt.tokens == 300)
            #expect(prompt.origin == "corpus")
            let corpus = try repositoryCorpus()
            let firstWord = try #require(prompt.text.split(separator: " ").first.map(String.init))
            #expect(corpus.words.contains { $0.contains(firstWord) })
        }
    }

    @Test func theSameSeedGivesTheSamePrompts() async throws {
        try await withSimulatedServer(options: instantSimulator) { server in
            let (preparer, client) = try await makePromptPreparer(server: server, source: .corpus)
            let first = try await preparer.prepare(tokens: 50, seeds: [9, 10])
            let second = try await preparer.prepare(tokens: 50, seeds: [9, 10])
            await client.close()
            #expect(first == second)
        }
    }

    @Test func aSecondRunReusesTheCachedPromptsWithoutGenerating() async throws {
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: instantSimulator) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 3)
                config.cases = [BenchmarkCase(inputTokens: 64, outputTokens: 4)]
                config.promptCacheDirectory = directory + "/prompts"
                let generations = { server.truths().count { !$0.isStreaming && $0.maxTokens == 64 } }
                _ = try await BenchmarkRunner(config: config).run()
                #expect(generations() == 3)
                let measurements = try FileManager.default.contentsOfDirectory(
                    atPath: directory + "/prompts/llm-bench-sim"
                )
                #expect(measurements.count == 1 && measurements[0].hasPrefix("completions-tokenize-vllm-"))
                let cached = try lines(ofFile: "\(directory)/prompts/llm-bench-sim/\(measurements[0])/64.jsonl")
                #expect(cached.count == 3)
                let report = try await BenchmarkRunner(config: config).run()
                #expect(generations() == 3, "no generation call on the second run")
                #expect(report.cases.first?.preparedPromptTokens?.lowerBound == 64)
                config.regeneratePrompts = true
                _ = try await BenchmarkRunner(config: config).run()
                #expect(generations() == 6)
            }
        }
    }

    @Test func aMissingCorpusIsAClearErrorBeforeAnythingIsSent() async throws {
        try await withSimulatedServer(options: instantSimulator) { server in
            var config = benchmarkConfig(server: server, directory: NSTemporaryDirectory())
            config.inputFile = "no-such-corpus.txt"
            await #expect {
                try await BenchmarkRunner(config: config).run()
            } throws: { error in
                guard case BenchmarkError.prompts(.corpusMissing(let path, _)) = error else { return false }
                return path == "no-such-corpus.txt" && "\(error)".contains("no-such-corpus.txt")
            }
            #expect(server.truths().isEmpty)
        }
    }

    @Test func aServerThatRejectsIgnoreEOSStillWorksAndShortOutputsAreReported() async throws {
        var options = instantSimulator
        options.acceptsExtraFields = false
        options.eosProbability = 0.2
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: options) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 2, concurrency: 8)
                config.cases = [BenchmarkCase(inputTokens: 32, outputTokens: 40)]
                let report = try await BenchmarkRunner(config: config).run()
                let summary = try #require(report.cases.first)
                #expect(summary.failedRequests == 0)
                #expect(summary.isOutputLengthForced == false)
                #expect(summary.shortOutputRequests > 0)
                #expect((summary.outputTokens?.min ?? 40) < 40)
                #expect(
                    summary.preparedPromptTokens?.lowerBound == 32 && summary.preparedPromptTokens?.upperBound == 32
                )
                let row = ResultRow(summary).cells
                #expect(
                    row.first { $0.name == "short_output_requests" }?.value == .integer(summary.shortOutputRequests)
                )
            }
        }
    }

    @Test func forcedOutputLengthGivesExactlyTheAskedTokens() async throws {
        var options = instantSimulator
        options.eosProbability = 0.3
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: options) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 8)
                config.cases = [BenchmarkCase(inputTokens: 16, outputTokens: 30)]
                let report = try await BenchmarkRunner(config: config).run()
                let summary = try #require(report.cases.first)
                #expect(summary.isOutputLengthForced)
                #expect(summary.shortOutputRequests == 0)
                #expect(summary.outputTokens?.min == 30)
            }
        }
    }
}
