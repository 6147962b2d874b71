import Foundation
import Testing

/// `llm-bench compare` and `fail_on`, as a user runs the built binary: runs of the embedded
/// simulator at different speeds, compared and gated.
struct CompareCommandTests {
    /// Writes and runs a config against the embedded simulator with TTFT `ttft` ms into `folder`.
    static func run(
        ttft: Int,
        into folder: String,
        in directory: String,
        cases: String = "[{input_tokens: 32, output_tokens: 8}]",
        extra: String = ""
    ) async throws -> BinaryResult {
        let config = """
            output_dir: \(folder)
            seed: 1
            simulator: {ttft_ms: \(ttft), itl_ms: 1}
            load: {mode: concurrency, concurrency: 4, requests: 40}
            runs: 1
            num_concurrent_requests: 4
            cases: \(cases)
            \(extra)
            """
        let name = "\(folder).yaml"
        if !FileManager.default.fileExists(atPath: directory + "/input.txt") {
            _ = try writeBenchConfig("", in: directory)
        }
        try config.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        let result = try await runBinary(["run", name, "--quiet"], in: directory)
        try #require(result.status == 0, "\(result.standardError)")
        return result
    }

    static func compare(_ arguments: [String], in directory: String) async throws -> BinaryResult {
        try await runBinary(["compare"] + arguments + ["--resamples", "200"], in: directory)
    }

    @Test func aSlowerServerIsWorseWithSignificanceAndFailsTheGate() async throws {
        try await withTemporaryDirectory { directory in
            _ = try await Self.run(ttft: 10, into: "fast", in: directory)
            _ = try await Self.run(ttft: 120, into: "slow", in: directory)
            let result = try await Self.compare(
                ["fast", "slow", "--format", "json", "--fail-on", "ttft_p50_ms>+50%"],
                in: directory
            )
            #expect(result.status == 4, "\(result.standardError)")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
            )
            let comparison = try #require((object["comparisons"] as? [[String: Any]])?.first)
            let figures = try #require((comparison["cases"] as? [[String: Any]])?.first?["figures"] as? [[String: Any]])
            for name in ["ttft_p50_ms", "ttft_p90_ms", "ttft_distribution", "e2e_mean_ms"] {
                let figure = try #require(figures.first { $0["name"] as? String == name }, "\(name)")
                #expect(figure["verdict"] as? String == "worse", "\(name): \(figure)")
                #expect(figure["significant"] as? Bool == true, "\(name)")
            }
            let p99 = try #require(figures.first { $0["name"] as? String == "ttft_p99_ms" })
            #expect(p99["verdict"] as? String == "not tested", "40 requests cannot test a p99: \(p99)")
            let gate = try #require(object["gate"] as? [String: Any])
            #expect(gate["failed"] as? Bool == true)
            #expect((gate["crossings"] as? [[String: Any]])?.first?["expression"] as? String == "ttft_p50_ms>+50%")
        }
    }

    @Test func twoRunsOfTheSameSettingsPassTheGate() async throws {
        try await withTemporaryDirectory { directory in
            // TTFT 60 ms: a busy machine's scheduling delays (a few ms) stay far below the limits.
            _ = try await Self.run(ttft: 60, into: "first", in: directory)
            _ = try await Self.run(ttft: 60, into: "second", in: directory)
            let result = try await Self.compare(
                ["first", "second", "--fail-on", "ttft_p50_ms>+50%", "--fail-on", "e2e_p50_ms>+30"],
                in: directory
            )
            #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
            #expect(result.standardOutput.contains("Comparing second (run "))
            #expect(result.standardOutput.contains("seed 1"))
            #expect(result.standardOutput.hasSuffix("gate passed\n"))
        }
    }

    @Test func theMarkdownGoesToTheOutputFileAndTheGateToStderr() async throws {
        try await withTemporaryDirectory { directory in
            _ = try await Self.run(ttft: 10, into: "fast", in: directory)
            _ = try await Self.run(ttft: 120, into: "slow", in: directory)
            let result = try await Self.compare(
                ["fast", "slow", "--format", "markdown", "--output", "comment.md", "--fail-on", "ttft_p50_ms>+50%"],
                in: directory
            )
            #expect(result.status == 4)
            #expect(result.standardOutput.isEmpty)
            #expect(result.standardError.contains("gate failed"))
            let markdown = try String(contentsOfFile: directory + "/comment.md", encoding: .utf8)
            #expect(markdown.hasPrefix("## llm-bench compare: slow against fast\n"))
            #expect(markdown.contains("### 32 in / 8 out, concurrency 4\n"))
            #expect(markdown.contains("| `ttft_p50_ms` |"))
        }
    }

    @Test(arguments: ["--output", "--report"])
    func anUnwritableFileExitsWithThreeNamingItsPathAndTheReason(option: String) async throws {
        try await withTemporaryDirectory { directory in
            _ = try await Self.run(ttft: 10, into: "fast", in: directory)
            let result = try await Self.compare(["fast", "fast", option, "missing/folder/out.txt"], in: directory)
            #expect(result.status == 3, "\(result.standardError)")
            #expect(
                result.standardError.contains(
                    "to 'missing/folder/out.txt': the folder 'missing/folder' does not exist"
                ),
                "\(result.standardError)"
            )
            #expect(result.standardError.hasSuffix(".\n") && !result.standardError.contains(".."))
            #expect(!result.standardError.contains("output_dir"))
        }
    }

    @Test func unmatchedCasesAreListed() async throws {
        try await withTemporaryDirectory { directory in
            _ = try await Self.run(
                ttft: 10,
                into: "two",
                in: directory,
                cases: "[{input_tokens: 32, output_tokens: 8}, {input_tokens: 64, output_tokens: 4}]"
            )
            _ = try await Self.run(ttft: 10, into: "one", in: directory)
            let result = try await Self.compare(["two", "one"], in: directory)
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardOutput.contains("only in the baseline: 64 in / 4 out, concurrency 4"))
            #expect(result.standardOutput.contains("\n32 in / 8 out, concurrency 4: baseline 40 requests"))
        }
    }

    @Test(arguments: [
        (["--fail-on", "tfft_p99_ms>+10%"], "'tfft_p99_ms>+10%'"),
        (["--fail-on", "ttft_p99_ms>10%"], "without a sign"),
        (["--alpha", "0"], "'--alpha' is 0.0"),
    ])
    func aBadOptionExitsWithTwoAndSaysWhy(options: [String], message: String) async throws {
        try await withTemporaryDirectory { directory in
            let result = try await Self.compare(["a", "b"] + options, in: directory)
            #expect(result.status == 2)
            #expect(result.standardError.contains(message), "\(result.standardError)")
            if options[0] == "--fail-on" {
                #expect(result.standardError.contains("Known metrics: ttft_mean_ms, ttft_p50_ms"))
            }
        }
    }

    @Test func aMissingSideExitsWithTwoNamingIt() async throws {
        try await withTemporaryDirectory { directory in
            _ = try await Self.run(ttft: 10, into: "fast", in: directory)
            let result = try await Self.compare(["fast", "nowhere"], in: directory)
            #expect(result.status == 2)
            #expect(result.standardError.contains("nowhere does not exist"), "\(result.standardError)")
            #expect(try await Self.compare(["fast"], in: directory).status == 2)
        }
    }

    @Test func aRunsFailOnCrossedExitsWithFourAfterWritingItsResults() async throws {
        try await withTemporaryDirectory { directory in
            _ = try writeBenchConfig(
                """
                output_dir: out
                simulator: {ttft_ms: 10, itl_ms: 1}
                runs: 1
                num_concurrent_requests: 2
                cases: [{input_tokens: 16, output_tokens: 4}]
                fail_on: ['ttft_p50_ms>1', 'failed_requests_pct>0']
                """,
                in: directory
            )
            let result = try await runBinary(["bench.yaml", "--quiet"], in: directory)
            #expect(result.status == 4, "\(result.standardError)")
            #expect(result.standardOutput.contains("gate: crossed: ttft_p50_ms>1 in case 1 (16 in / 4 out"))
            #expect(!result.standardOutput.contains("failed_requests_pct>0 in"))
            #expect(result.standardOutput.hasSuffix("gate failed\n"))
            let files = try FileManager.default.contentsOfDirectory(atPath: directory + "/out")
            #expect(files.contains { $0.hasSuffix("_summary.json") })
        }
    }

    @Test func theHelpStatesTheGateGrammarAndTheExitCodes() async throws {
        let result = try await runBinary(["compare", "--help"], in: packageRoot)
        #expect(result.status == 0)
        let words = result.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("--format <format>"))
        #expect(words.contains("'ttft_p99_ms>+10%'"))
        #expect(words.contains("4 the gate was crossed"))
        #expect(words.contains("Without --fail-on, cases that do not match are listed and the exit is 0."))
        #expect(words.contains("3 the --output or --report file cannot be written"))
    }
}
