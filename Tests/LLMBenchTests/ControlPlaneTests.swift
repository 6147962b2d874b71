import Foundation
import LLMBenchSimulator
import NIOHTTP1
import Testing

@testable import LLMBench

/// Phase 1 against servers with foreign habits, its own limits, its cache and what it reports.
struct ControlPlaneTests {
    static func config(foreign server: ForeignServer, directory: String) -> BenchmarkConfig {
        var config = BenchmarkConfig()
        config.endpoint = .remote(ServerAddress(parsing: server.baseURL)!)
        config.model = ForeignServer.model
        config.outputDirectory = directory
        config.outputPrefixName = "foreign"
        config.runs = 1
        config.concurrency = 2
        config.cases = [BenchmarkCase(inputTokens: 16, outputTokens: 8)]
        config.inputFile = packageRoot + "/input.txt"
        config.seed = 11
        config.promptCacheDirectory = directory + "/prompts"
        return config
    }

    @Test func aRequestBodyThatCannotBeEncodedIsAClientErrorNotRetried() async throws {
        try await withSimulatedServer(options: SimulatorOptions(latency: .instant)) { server in
            let executor = makeExecutor(for: server)
            let client = ControlClient(connector: executor.connector, factory: executor.factory)
            let failure = await #expect(throws: RequestFailure.self) {
                _ = try await client.call(.POST, path: "/tokenize", body: ["value": Date()])
            }
            #expect(failure?.kind == .clientError)
            #expect(failure?.isRetryable == false)
        }
    }

    @Test(arguments: [PromptSourceSetting.generate, .corpus], [APIKind.completions, .chat])
    func aServerThatStreamsEveryAnswerIsBenchmarkedWithExactPrompts(source: PromptSourceSetting, api: APIKind)
        async throws
    {
        try await withTemporaryDirectory { directory in
            try await ForeignServer.with(.init(streamsEveryAnswer: true)) { server in
                var config = Self.config(foreign: server, directory: directory)
                config.promptSource = source
                config.api = api
                let report = try await BenchmarkRunner(config: config).run()
                let summary = try #require(report.cases.first)
                #expect(summary.failedRequests == 0)
                #expect(summary.promptTokensSource == "usage")
                #expect(
                    summary.preparedPromptTokens?.lowerBound == 16 && summary.preparedPromptTokens?.upperBound == 16
                )
                #expect(summary.meanInputTokensServer == 16)
                #expect(summary.inputMismatchRequests == 0)
                #expect(server.requests.contains { !$0.isStreamAsked && $0.maxTokens == 1 }, "length probes ran")
            }
        }
    }

    @Test(arguments: [false, true])
    func aServerThatReportsNoUsageIsBenchmarkedWithUnverifiedLengths(streamsEveryAnswer: Bool) async throws {
        try await withTemporaryDirectory { directory in
            let behaviour = ForeignServer.Behaviour(streamsEveryAnswer: streamsEveryAnswer, reportsUsage: false)
            try await ForeignServer.with(behaviour) { server in
                let config = Self.config(foreign: server, directory: directory)
                let report = try await BenchmarkRunner(config: config).run()
                let summary = try #require(report.cases.first)
                #expect(summary.successfulRequests == 2 && summary.failedRequests == 0)
                #expect(summary.promptTokensSource == "unverified")
                #expect(summary.promptSource == "generate/unverified")
                #expect(summary.preparedPromptTokens?.lowerBound == 16, "the 16 tokens the server streamed")
                #expect(summary.meanInputTokensServer == nil)
                #expect(summary.meanOutputTokensServer == nil)
                #expect(summary.outputTokens?.min == 8, "output counted as the events streamed")
                #expect(server.requests.contains { $0.isStreamAsked && $0.maxTokens == 16 }, "a prompt streamed")
                let rows = try lines(ofFile: report.files.results).map {
                    $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                }
                let column = try #require(rows[0].firstIndex(of: "prompt_tokens_source"))
                #expect(rows[1][column] == "unverified")
            }
        }
    }

    @Test func aServerThatReportsNoUsageGetsCorpusPromptsCountedInWords() async throws {
        try await withTemporaryDirectory { directory in
            try await ForeignServer.with(.init(reportsUsage: false)) { server in
                var config = Self.config(foreign: server, directory: directory)
                config.promptSource = .corpus
                let report = try await BenchmarkRunner(config: config).run()
                let summary = try #require(report.cases.first)
                #expect(summary.failedRequests == 0)
                #expect(summary.promptSource == "corpus/unverified")
                #expect(summary.preparedPromptTokens?.lowerBound == 16)
                #expect(!server.requests.contains { $0.maxTokens == 16 }, "no prompt generated")
            }
        }
    }

    @Test func theConsoleSaysWhenPromptLengthsAreUnverified() async throws {
        try await withTemporaryDirectory { directory in
            try await ForeignServer.with(.init(reportsUsage: false)) { server in
                let result = try await Self.runBench(against: server, in: directory)
                #expect(result.status == 0, "\(result.standardError)")
                #expect(result.standardError.contains("prompt lengths are unverified"))
                #expect(result.standardOutput.contains("prompt lengths are unverified"))
            }
        }
    }

    @Test func identicalPromptsUnderUniqueReuseAreWarnedAbout() async throws {
        let warnings = try await Self.promptWarnings(.init(writesSameText: true))
        #expect(warnings == [.identicalPrompts(workload: "16 tokens", distinct: 1, prompts: 4)])
        #expect(warnings.first?.description.contains("only 1 of 4 prompts are distinct") == true)
    }

    @Test func distinctPromptsAreNotWarnedAbout() async throws {
        #expect(try await Self.promptWarnings(.init()) == [])
    }

    /// The warnings of a run with 4 concurrent requests against a server of `behaviour`.
    static func promptWarnings(_ behaviour: ForeignServer.Behaviour) async throws -> [BenchmarkWarning] {
        try await withTemporaryDirectory { directory in
            try await ForeignServer.with(behaviour) { server in
                var config = Self.config(foreign: server, directory: directory)
                config.concurrency = 4
                config.load.warmup = 0
                let recorder = EventRecorder()
                let report = try await BenchmarkRunner(config: config).run(observer: recorder.observe)
                #expect(report.failedRequests == 0)
                return recorder.warningsBesideTimingOnes
            }
        }
    }

    /// The binary on a config aimed at `server`, in `directory`.
    static func runBench(against server: ForeignServer, in directory: String) async throws
        -> BinaryResult
    {
        try """
        base_url: \(server.baseURL)
        model: \(ForeignServer.model)
        runs: 1
        num_concurrent_requests: 2
        seed: 3
        output_dir: out
        input_file: \(packageRoot)/input.txt
        cases: [{input_tokens: 12, output_tokens: 4}]
        """.write(toFile: directory + "/bench.yaml", atomically: true, encoding: .utf8)
        return try await runBinary(["bench.yaml"], in: directory)
    }

    @Test func aTightIdleLimitForStreamsDoesNotBreakPromptPreparation() async throws {
        let options = SimulatorOptions(
            latency: .deterministic(timeToFirstTokenMilliseconds: 15, interTokenMilliseconds: 4)
        )
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: options) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 2)
                config.cases = [BenchmarkCase(inputTokens: 128, outputTokens: 4)]
                config.timeouts = RequestTimeouts(idleMilliseconds: 200)
                let report = try await BenchmarkRunner(config: config).run()
                let summary = try #require(report.cases.first)
                #expect(summary.failedRequests == 0)
                #expect(
                    summary.promptSource == "generate/tokenize-vllm",
                    "the server wrote the prompts although writing one takes longer than idle_ms"
                )
            }
        }
    }

    @Test func promptsMeasuredForCompletionsAreNotReusedForChat() async throws {
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: instantSimulator) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 2)
                config.cases = [BenchmarkCase(inputTokens: 48, outputTokens: 2)]
                let generations = { server.truths().count { !$0.isStreaming && $0.maxTokens == 48 } }
                _ = try await BenchmarkRunner(config: config).run()
                #expect(generations() == 2)
                _ = try await BenchmarkRunner(config: config).run()
                #expect(generations() == 2, "the same endpoint reuses its prompts")
                config.api = .chat
                _ = try await BenchmarkRunner(config: config).run()
                #expect(generations() == 4, "chat prompts are measured anew")
            }
        }
    }

    @Test func theCacheFolderChangesWithEverythingThatChangesALength() {
        func cache(
            model: String = "m",
            api: APIKind = .completions,
            server: String = "http://a:1/v1",
            tokenizer: ServerTokenizer.Source = .tokenizeVLLM,
            specialTokens: Int = 1
        ) -> PromptCache {
            PromptCache(
                folder: "c",
                model: model,
                api: api,
                server: server,
                tokenizer: tokenizer,
                specialTokens: specialTokens
            )
        }
        let base = cache()
        let variants = [
            cache(api: .chat),
            cache(server: "http://b:1/v1"),
            cache(tokenizer: .usage),
            cache(specialTokens: 0),
            cache(model: "n"),
        ]
        let paths = Set(([base] + variants).map { $0.path(tokens: 64) })
        #expect(paths.count == 6)
        #expect(base.path(tokens: 64).hasPrefix("c/m/completions-tokenize-vllm-"))
        #expect(base.path(tokens: 64).hasSuffix("/64.jsonl"))
    }

    @Test func aDatasetCaseReportsTheLengthsOfThePromptsItSent() async throws {
        try await withTemporaryDirectory { directory in
            let short = #"{"prompt": "một hai ba bốn năm", "output_tokens": 3}"#
            let long =
                #"{"prompt": "\#(Array(repeating: "chữ", count: 60).joined(separator: " "))", "output_tokens": 20}"#
            try [short, short, long, long].joined(separator: "\n")
                .write(toFile: directory + "/data.jsonl", atomically: true, encoding: .utf8)
            try await withSimulatedServer(options: instantSimulator) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 2)
                config.cases = [
                    BenchmarkCase(workload: .dataset(path: directory + "/data.jsonl", format: .jsonl, maxRequests: nil))
                ]
                let report = try await BenchmarkRunner(config: config).run()
                let summary = try #require(report.cases.first)
                #expect(summary.successfulRequests == 2)
                let served = try #require(summary.meanInputTokensServer)
                #expect(summary.benchmarkCase.inputTokens == Int(served.rounded()), "asked over the two prompts sent")
                #expect(Double(summary.benchmarkCase.outputTokens) == summary.outputTokens?.mean)
                #expect(summary.inputMismatchRequests == 0)
            }
        }
    }
}

/// Generation answers read from JSON bodies and SSE streams alike.
struct GenerationAnswerTests {
    @Test func aJSONAnswerGivesItsTextAndUsage() throws {
        let body =
            #"{"choices":[{"text":"xin chào","finish_reason":"length"}],"usage":{"prompt_tokens":5,"completion_tokens":2}}"#
        let answer = try #require(GenerationAnswer(body: Array(body.utf8)))
        #expect(answer.text == "xin chào" && !answer.isStream)
        #expect(answer.promptTokens == 5 && answer.completionTokens == 2 && answer.countedTokens == 2)
    }

    @Test func aStreamedChatAnswerGivesItsTextAndTheUsageOfItsLastChunk() throws {
        let body = """
            data: {"choices":[{"delta":{"role":"assistant"}}]}\r
            \r
            data: {"choices":[{"delta":{"content":"xin"}}]}\r
            \r
            data: {"choices":[{"delta":{"content":" chào"},"finish_reason":"length"}]}\r
            \r
            data: {"choices":[],"usage":{"prompt_tokens":7,"completion_tokens":2,"total_tokens":9}}\r
            \r
            data: [DONE]\r
            \r

            """
        let answer = try #require(GenerationAnswer(body: Array(body.utf8)))
        #expect(answer.text == "xin chào" && answer.isStream && answer.tokenEvents == 2)
        #expect(answer.promptTokens == 7 && answer.completionTokens == 2)
    }

    @Test func aStreamWithoutUsageCountsItsTextEvents() throws {
        let body =
            "data: {\"choices\":[{\"text\":\"a\"}]}\n\ndata: {\"choices\":[{\"text\":\" b\"}]}\n\ndata: [DONE]\n\n"
        let answer = try #require(GenerationAnswer(body: Array(body.utf8)))
        #expect(answer.promptTokens == nil)
        #expect(answer.countedTokens == 2)
        #expect(answer.text == "a b")
    }

    @Test(arguments: [#"{"error":{"message":"bad"}}"#, "not json", ""])
    func aBodyThatIsNoCompletionIsNone(body: String) {
        #expect(GenerationAnswer(body: Array(body.utf8)) == nil)
    }
}
