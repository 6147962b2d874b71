import Foundation
import Testing

/// The command line of the built binary: usage errors, help and the overrides' checks.
struct CommandLineTests {
    /// The text with every run of white space as one space, as help wraps it to the terminal.
    static func words(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Each wrong command line exits 2 (the documented usage error, not EX_USAGE's 64) and says
    /// what is wrong; none needs the config file to exist.
    @Test(arguments: [
        ([], "Missing expected argument '<config-path>'"),
        (["bench.yaml", "--bogus"], "Unknown option '--bogus'"),
        (["bench.yaml", "--concurrency", "many"], "The value 'many' is invalid for '--concurrency"),
        (["bench.yaml", "--concurrency", "2000000"], "'--concurrency' is 2000000, but it must be at most 1000000."),
        (["bench.yaml", "--seed", "-1"], "'--seed' is -1, but it must be a whole number of 0 or more"),
        (["bench.yaml", "--rate", "-5"], "'--rate' is -5.0, but it must be more than 0 requests per second."),
        (["bench.yaml", "--grace-seconds", "nan"], "'--grace-seconds' is nan, but it must be a number of seconds"),
        (["bench.yaml", "--grace-seconds", "-1"], "'--grace-seconds' is -1.0, but it must be a number of seconds"),
        (["bench.yaml", "--grace-seconds", "1e300"], "but it must be at most 86400"),
        (["bench.yaml", "--duration", "-5s"], "'--duration' must be a duration such as 60"),
        (["bench.yaml", "--mode", "bursty"], "'--mode' is 'bursty', but it must be one of 'waves'"),
        (["simulate", "--port", "70000"], "it must be between 0 and 65535"),
        (["simulate", "--fault", "nope=1"], "unknown fault 'nope'"),
        (["simulate", "--fault", "malformed_chunk=2"], "--fault malformed_chunk is a probability between 0 and 1"),
        (["simulate", "--fault", "reset=2"], "--fault reset is a probability between 0 and 1"),
        (["simulate", "--seed", "-3"], "'--seed' is -3"),
        (["help", "bogus"], "'bogus' is not a subcommand (known: run, simulate, report, compare, merge, live, k8s)"),
        (["help", "run", "bogus"], "'bogus' is not a subcommand"),
    ])
    func aUsageErrorExitsWithTwoAndSaysWhatIsWrong(arguments: [String], message: String) async throws {
        let result = try await runBinary(arguments, in: NSTemporaryDirectory())
        #expect(result.status == 2, "\(result.standardError)")
        #expect(Self.words(result.standardError).contains(message), "\(result.standardError)")
    }

    @Test func helpForARealSubcommandStillWorks() async throws {
        let result = try await runBinary(["help", "run"], in: packageRoot)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("--grace-seconds"))
        #expect(Self.words(result.standardOutput).contains("130 interrupted"))
    }

    @Test func anOverrideThatContradictsTheConfigExitsWithTwo() async throws {
        try await withTemporaryDirectory { directory in
            _ = try writeBenchConfig(
                """
                runs: 1
                num_concurrent_requests: 1
                cases: [{input_tokens: 1, output_tokens: 1}]
                """,
                in: directory
            )
            let result = try await runBinary(["bench.yaml", "--mode", "waves", "--duration", "1s"], in: directory)
            #expect(result.status == 2)
            #expect(result.standardError.contains("'--duration' is 1s with --mode waves"), "\(result.standardError)")
        }
    }

    /// Waves send `runs x num_concurrent_requests` requests, here 1; `--duration` alone runs the
    /// case in concurrency mode until the time is up.
    @Test func aDurationAloneRunsTheCaseForThatLong() async throws {
        try await withTemporaryDirectory { directory in
            _ = try writeBenchConfig(
                """
                output_dir: out
                save_format: jsonl
                runs: 1
                num_concurrent_requests: 1
                simulator: {deterministic: true, ttft_ms: 2, itl_ms: 1}
                cases: [{input_tokens: 4, output_tokens: 4}]
                """,
                in: directory
            )
            let result = try await runBinary(["bench.yaml", "--duration", "500ms", "--quiet"], in: directory)
            #expect(result.status == 0, "\(result.standardError)")
            let files = try FileManager.default.contentsOfDirectory(atPath: directory + "/out")
            let requests = try #require(files.first { $0.hasSuffix("_requests.jsonl") })
            let records = try jsonObjects(ofFile: directory + "/out/" + requests)
            #expect(records.count > 1, "more than the waves' single request")
            let results = try #require(
                files.first {
                    $0.hasSuffix(".jsonl") && !$0.hasSuffix("_requests.jsonl") && !$0.hasSuffix("_server_metrics.jsonl")
                }
            )
            let row = try #require(try jsonObjects(ofFile: directory + "/out/" + results).first)
            #expect(row["load_mode"] as? String == "concurrency", "\(row)")
        }
    }

    @Test func jsonlProgressGivesOneJSONObjectPerEventOnStandardError() async throws {
        try await withTemporaryDirectory { directory in
            _ = try writeBenchConfig(
                """
                output_dir: out
                runs: 1
                num_concurrent_requests: 2
                simulator: {deterministic: true, ttft_ms: 1, itl_ms: 1}
                cases: [{input_tokens: 4, output_tokens: 3}]
                """,
                in: directory
            )
            let result = try await runBinary(["bench.yaml", "--progress", "jsonl"], in: directory)
            #expect(result.status == 0, "\(result.standardError)")
            let lines = result.standardError.split(separator: "\n")
            let events = try lines.map { line in
                try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
            }
            let names = events.compactMap { $0["event"] as? String }
            #expect(names.count == lines.count, "every line is an event")
            #expect(names.contains("case_started") && names.contains("case_finished"))
            #expect(names.filter { $0 == "request_finished" }.count == 2 + 2, "two counted requests and two warm-ups")
            #expect(result.standardOutput.contains("Case 1:"), "the figures stay on stdout for people")
        }
    }
}
