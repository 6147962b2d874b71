import Foundation
import NIOCore
import NIOPosix
import Testing

/// The built `llm-bench` binary, as a user runs it.
struct BinaryEndToEndTests {

    @Test func runsTheEmbeddedSimulatorAndWritesTheSeedsCSV() async throws {
        try await withTemporaryDirectory { directory in
            _ = try writeBenchConfig(
                """
                output_prefix_name: smoke
                output_dir: out
                save_format: csv
                runs: 2
                num_concurrent_requests: 4
                seed: 1
                simulator: {deterministic: true, ttft_ms: 5, itl_ms: 1}
                cases:
                  - {input_tokens: 10, output_tokens: 12}
                """,
                in: directory
            )
            let result = try await runBinary(["bench.yaml"], in: directory)
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardError.contains("embedded simulated server"))
            #expect(result.standardOutput.contains("TTFT"))
            let files = try FileManager.default.contentsOfDirectory(atPath: directory + "/out")
            let csv = try #require(files.first { $0.hasSuffix(".csv") })
            let rows = try lines(ofFile: directory + "/out/" + csv)
            #expect(
                rows.first?.hasPrefix(
                    "@timestamp,model,input_tokens,output_tokens,runs,num_concurrent_requests,TTFT (ms),TPOT (ms),Throughput (TPS)"
                ) == true
            )
            #expect(rows.count == 2)
            #expect(files.contains { $0.hasSuffix("_requests.jsonl") })
            #expect(files.contains { $0.hasSuffix("_summary.json") })
        }
    }

    @Test func theRunSubcommandAndJSONLFormatWork() async throws {
        try await withTemporaryDirectory { directory in
            _ = try writeBenchConfig(
                """
                save_format: jsonl
                stream_writing: false
                runs: 1
                num_concurrent_requests: 2
                simulator: {deterministic: true, ttft_ms: 2, itl_ms: 1}
                cases: [{input_tokens: 5, output_tokens: 3}, {input_tokens: 6, output_tokens: 4}]
                """,
                in: directory
            )
            let result = try await runBinary(
                ["run", "bench.yaml", "--output-dir", "jsonl-out", "--quiet"],
                in: directory
            )
            #expect(result.status == 0, "\(result.standardError)")
            let files = try FileManager.default.contentsOfDirectory(atPath: directory + "/jsonl-out")
            let results = try #require(
                files.first {
                    $0.hasSuffix(".jsonl") && !$0.hasSuffix("_requests.jsonl") && !$0.hasSuffix("_server_metrics.jsonl")
                }
            )
            let rows = try jsonObjects(ofFile: directory + "/jsonl-out/" + results)
            #expect(rows.count == 2)
            #expect(rows.first?["TTFT (ms)"] is Double)
            #expect(rows.last?["output_tokens"] as? Int == 4)
        }
    }

    @Test(arguments: [([String](), true), (["--no-report"], false)])
    func aRunWritesItsReportUnlessNoReportTurnsItOff(_ flags: [String], writesReport: Bool) async throws {
        try await withTemporaryDirectory { directory in
            _ = try writeBenchConfig(
                """
                runs: 1
                num_concurrent_requests: 1
                simulator: {deterministic: true, ttft_ms: 1, itl_ms: 1}
                cases: [{input_tokens: 4, output_tokens: 2}]
                """,
                in: directory
            )
            let result = try await runBinary(
                ["run", "bench.yaml", "--output-dir", "out", "--quiet"] + flags,
                in: directory
            )
            #expect(result.status == 0, "\(result.standardError)")
            let files = try FileManager.default.contentsOfDirectory(atPath: directory + "/out")
            let summary = try #require(files.first { $0.hasSuffix("_summary.json") })
            let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/out/" + summary))
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect((object["config"] as? [String: Any])?["report"] as? Bool == writesReport)
            let report = files.first { $0.hasSuffix("_report.html") }
            #expect((report != nil) == writesReport, "\(files)")
            #expect(((object["files"] as? [String: Any])?["report"] is String) == writesReport)
            #expect(result.standardOutput.contains("Report:   ") == writesReport)
            if let report {
                let page = try String(contentsOfFile: directory + "/out/" + report, encoding: .utf8)
                #expect(page.hasPrefix("<!DOCTYPE html>"))
                #expect(page.contains(#"<figure class="chart""#))
            }
        }
    }

    @Test(arguments: [
        ("runs: 0\nnum_concurrent_requests: 1\ncases: [{input_tokens: 1, output_tokens: 1}]", "'runs' is 0"),
        (
            "runs: 1\nnum_concurent_requests: 1\ncases: [{input_tokens: 1, output_tokens: 1}]",
            "Did you mean 'num_concurrent_requests'"
        ),
        (
            "runs: 1\nnum_concurrent_requests: 1\nsave_format: xml\ncases: [{input_tokens: 1, output_tokens: 1}]",
            "'save_format' is 'xml'"
        ),
        ("runs: [1\n", "bench.yaml:"),
    ])
    func aBadConfigExitsWithTwoAndSaysWhatIsWrong(config: String, message: String) async throws {
        try await withTemporaryDirectory { directory in
            _ = try writeBenchConfig(config, in: directory)
            let result = try await runBinary(["bench.yaml"], in: directory)
            #expect(result.status == 2)
            #expect(result.standardError.contains(message), "\(result.standardError)")
        }
    }

    @Test func aMissingConfigFileExitsWithTwo() async throws {
        try await withTemporaryDirectory { directory in
            let result = try await runBinary(["nowhere.yaml"], in: directory)
            #expect(result.status == 2)
            #expect(result.standardError.contains("nowhere.yaml"))
        }
    }

    @Test func anUnreachableServerExitsWithThree() async throws {
        let port = try await Self.unusedPort()
        try await withTemporaryDirectory { directory in
            _ = try writeBenchConfig(
                """
                base_url: http://127.0.0.1:\(port)/v1
                model: m
                runs: 1
                num_concurrent_requests: 1
                cases: [{input_tokens: 1, output_tokens: 1}]
                """,
                in: directory
            )
            let result = try await runBinary(["bench.yaml"], in: directory)
            #expect(result.status == 3)
            #expect(result.standardError.contains("cannot reach the server at http://127.0.0.1:\(port)/v1"))
        }
    }

    @Test func anOutputFolderThatCannotBeCreatedExitsWithThreeAndNamesIt() async throws {
        try await withTemporaryDirectory { directory in
            try "not a folder".write(toFile: directory + "/blocked", atomically: true, encoding: .utf8)
            _ = try writeBenchConfig(
                """
                output_dir: blocked/results
                runs: 1
                num_concurrent_requests: 1
                simulator: {deterministic: true, ttft_ms: 1, itl_ms: 1}
                cases: [{input_tokens: 2, output_tokens: 2}]
                """,
                in: directory
            )
            let result = try await runBinary(["bench.yaml"], in: directory)
            #expect(result.status == 3)
            #expect(result.standardError.contains("blocked/results"))
        }
    }

    /// A disk that fills up mid-run, made reproducible with a file-size limit: the run stops with a
    /// clear error, and the requests already written stay, as whole lines.
    @Test func aFileSizeLimitMidRunExitsWithThreeAndKeepsWholeLines() async throws {
        try await withTemporaryDirectory { directory in
            _ = try writeBenchConfig(
                """
                output_prefix_name: capped
                output_dir: out
                save_format: jsonl
                prompt_cache_dir: "off"
                runs: 4
                num_concurrent_requests: 8
                simulator: {deterministic: true, ttft_ms: 1, itl_ms: 1}
                cases: [{input_tokens: 8, output_tokens: 60}]
                """,
                in: directory
            )
            // 16 blocks: 8 KiB per file (16 KiB for shells counting in KiB), while the 32
            // requests' lines take over 30 KiB.
            let result = try await runBinary(["bench.yaml"], in: directory, fileSizeLimitBlocks: 16)
            #expect(result.status == 3, "\(result.standardError)")
            #expect(result.standardError.contains("_requests.jsonl"))
            #expect(result.standardError.contains("File too large"))
            let files = try FileManager.default.contentsOfDirectory(atPath: directory + "/out")
            let name = try #require(files.first { $0.hasSuffix("_requests.jsonl") })
            let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/out/" + name))
            #expect(data.last == UInt8(ascii: "\n"), "no line is cut off")
            let records = try lines(ofFile: directory + "/out/" + name)
            #expect(!records.isEmpty && records.count < 32)
            for record in records {
                #expect((try? JSONSerialization.jsonObject(with: Data(record.utf8))) != nil)
            }
        }
    }

    @Test func thePlantedKeyAppearsInNoConsoleOutput() async throws {
        let secret = "sk-console-\(UUID().uuidString)"
        try await withTemporaryDirectory { directory in
            _ = try writeBenchConfig(
                """
                api_key: ${BENCH_KEY}
                runs: 1
                num_concurrent_requests: 2
                simulator: {deterministic: true, ttft_ms: 1, itl_ms: 1}
                cases: [{input_tokens: 2, output_tokens: 2}]
                """,
                in: directory
            )
            let result = try await runBinary(
                ["bench.yaml", "--verbose"],
                in: directory,
                environment: ["BENCH_KEY": secret]
            )
            #expect(result.status == 0, "\(result.standardError)")
            #expect(!result.standardOutput.contains(secret))
            #expect(!result.standardError.contains(secret))
        }
    }

    @Test func theStandaloneSimulatorServesAnotherRunAndStopsOnSigint() async throws {
        try await withTemporaryDirectory { directory in
            let simulator = try RunningBinary(
                ["simulate", "--port", "0", "--deterministic", "--ttft-ms", "2", "--itl-ms", "1"],
                in: directory
            )
            #expect(await simulator.waitForStandardError(containing: "(Ctrl-C stops it)"))
            let announced = simulator.standardErrorSoFar
            let url = try #require(announced.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") })
            _ = try writeBenchConfig(
                """
                base_url: \(url)
                model: llm-bench-sim
                runs: 1
                num_concurrent_requests: 2
                cases: [{input_tokens: 3, output_tokens: 4}]
                """,
                in: directory
            )
            let result = try await runBinary(["bench.yaml", "--quiet"], in: directory)
            simulator.send(SIGINT)
            let stopped = await simulator.finish()
            #expect(result.status == 0, "\(result.standardError)")
            #expect(stopped.status == 0)
        }
    }

    @Test func versionAndHelpDescribeTheTool() async throws {
        let version = try await runBinary(["--version"], in: packageRoot)
        #expect(version.status == 0)
        #expect(version.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
        let help = try await runBinary(["--help"], in: packageRoot)
        #expect(help.standardOutput.contains("Exit codes"))
        let words = help.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("2 bad usage or config"))
        #expect(words.contains("130 interrupted by Ctrl-C or SIGTERM"))
        #expect(help.standardOutput.contains("simulate"))
        let runHelp = try await runBinary(["run", "--help"], in: packageRoot)
        #expect(runHelp.standardOutput.contains("--output-dir"))
        #expect(runHelp.standardOutput.contains("--no-report"))
    }

    /// A loopback port nothing listens on: bound, then released.
    static func unusedPort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(
            host: "127.0.0.1",
            port: 0
        ).get()
        let port = channel.localAddress?.port ?? 1
        try await channel.close()
        return port
    }
}
