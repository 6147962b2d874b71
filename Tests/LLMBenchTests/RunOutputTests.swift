import Foundation
import LLMBenchSimulator
import Testing

@testable import LLMBench

/// What a run writes, end to end: no secret in any file or console text, files that belong to
/// one run only, request ids that carry the run's id, and the output checked before the server.
struct RunOutputTests {
    static let key = "sk-proj-echoed-7d6c5b4a3f2e"
    static let token = "gw-token-8e7f6a5b4c3d"

    /// A server that wants `key`, echoes the request's credentials in every error body and
    /// fails the first `failing` streamed requests with HTTP 500.
    static func echoingServer(failing: Int) -> SimulatorOptions {
        var options = SimulatorOptions(
            latency: .deterministic(timeToFirstTokenMilliseconds: 1, interTokenMilliseconds: 1),
            faults: .only(.http500, firstRequests: failing),
            apiKey: key
        )
        options.echoesRequestHeaders = true
        return options
    }

    static func config(server: SimulatedServer, directory: String) -> BenchmarkConfig {
        var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 4)
        config.apiKey = APIKey(key)
        config.headers = ["X-Gateway-Token": token]
        config.retry = RetryPolicy(maxRetries: 0)
        config.cases = [BenchmarkCase(inputTokens: 8, outputTokens: 4)]
        return config
    }

    /// Every file under `directory`, as text.
    static func everyFile(in directory: String) throws -> [(name: String, text: String)] {
        let names = try #require(FileManager.default.subpathsOfDirectory(atPath: directory) as [String]?)
        return names.compactMap { name in
            (try? String(contentsOfFile: directory + "/" + name, encoding: .utf8)).map { (name, $0) }
        }
    }

    @Test func anEchoedKeyReachesNoFileOfTheRun() async throws {
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: Self.echoingServer(failing: 2)) { server in
                let config = Self.config(server: server, directory: directory)
                let report = try await BenchmarkRunner(config: config).run()
                #expect(report.failedRequests == 2)
                let requests = try String(contentsOfFile: report.files.requests, encoding: .utf8)
                #expect(requests.contains("Authorization: Bearer <redacted>;"))
                #expect(requests.contains("X-Gateway-Token: <redacted>"))
                let files = try Self.everyFile(in: directory)
                #expect(files.count >= 3)
                for file in files {
                    #expect(!file.text.contains(Self.key), "\(file.name)")
                    #expect(!file.text.contains(Self.token), "\(file.name)")
                }
            }
        }
    }

    @Test func aRefusalThatEchoesTheKeyShowsItNowhereAndLeavesNoFiles() async throws {
        try await withTemporaryDirectory { directory in
            var options = Self.echoingServer(failing: 0)
            options.apiKey = "sk-the-right-one-000"
            try await withSimulatedServer(options: options) { server in
                _ = try writeBenchConfig(
                    """
                    base_url: \(server.baseURL)
                    model: llm-bench-sim
                    api_key: ${BENCH_KEY}
                    headers: {X-Gateway-Token: \(Self.token)}
                    output_dir: out
                    runs: 1
                    num_concurrent_requests: 1
                    cases: [{input_tokens: 2, output_tokens: 2}]
                    """,
                    in: directory
                )
                let result = try await runBinary(["bench.yaml"], in: directory, environment: ["BENCH_KEY": Self.key])
                #expect(result.status == 3, "\(result.standardError)")
                #expect(result.standardError.contains("HTTP 401"))
                #expect(result.standardError.contains("<redacted>"))
                for text in [result.standardError, result.standardOutput] {
                    #expect(!text.contains(Self.key), "\(text)")
                    #expect(!text.contains(Self.token), "\(text)")
                }
                let left = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/out")) ?? []
                #expect(left.isEmpty, "a run that measured nothing leaves no files: \(left)")
            }
        }
    }

    @Test func midRunEchoesReachNoConsoleOutputOrFile() async throws {
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: Self.echoingServer(failing: 3)) { server in
                _ = try writeBenchConfig(
                    """
                    base_url: \(server.baseURL)
                    model: llm-bench-sim
                    api_key: ${BENCH_KEY}
                    headers:
                      X-Gateway-Token: "\(Self.token)"
                    output_dir: out
                    save_format: jsonl
                    retry: {max_retries: 0}
                    runs: 2
                    num_concurrent_requests: 2
                    cases: [{input_tokens: 2, output_tokens: 2}]
                    """,
                    in: directory
                )
                let result = try await runBinary(["bench.yaml"], in: directory, environment: ["BENCH_KEY": Self.key])
                #expect(result.status == 1, "\(result.standardError)")
                #expect(result.standardError.contains("failed after 1 attempt(s)"))
                for text in [result.standardError, result.standardOutput] {
                    #expect(!text.contains(Self.key), "\(text)")
                    #expect(!text.contains(Self.token), "\(text)")
                }
                let files = try Self.everyFile(in: directory + "/out")
                #expect(files.count == 5, "results, requests, summary, report and the simulator's metrics")
                #expect(files.contains { $0.name.hasSuffix("_server_metrics.jsonl") })
                #expect(files.contains { $0.name.hasSuffix("_report.html") && $0.text.contains("http_5xx") })
                for file in files {
                    #expect(!file.text.contains(Self.key), "\(file.name)")
                    #expect(!file.text.contains(Self.token), "\(file.name)")
                }
            }
        }
    }

    // MARK: - Files of one run

    @Test func runsInTheSameMillisecondGetFilesOfTheirOwn() async throws {
        try await withTemporaryDirectory { directory in
            let date = Date()
            let first = try OpenResultFiles.create(
                directory: directory,
                prefix: "p",
                format: .csv,
                writesReport: true,
                date: date
            )
            try first.results.appendLine("first run")
            let second = try OpenResultFiles.create(
                directory: directory,
                prefix: "p",
                format: .csv,
                writesReport: true,
                date: date
            )
            #expect(first.paths.runID != second.paths.runID)
            #expect(
                Set([first.paths.results, first.paths.requests, first.paths.summary, first.paths.report]).isDisjoint(
                    with: [second.paths.results, second.paths.requests, second.paths.summary, second.paths.report]
                )
            )
            #expect(try lines(ofFile: first.paths.results) == ["first run"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).count == 8)
        }
    }

    @Test func aFileThatExistsIsNeverOpened() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/taken.csv"
            try "another run's row\n".write(toFile: path, atomically: false, encoding: .utf8)
            #expect(try AppendingFile.createNew(at: path) == nil)
            #expect(try lines(ofFile: path) == ["another run's row"])
        }
    }

    @Test func fourRunsStartedAtOnceLeaveFourCompleteResultSets() async throws {
        try await withTemporaryDirectory { directory in
            _ = try writeBenchConfig(
                """
                output_prefix_name: same
                output_dir: out
                prompt_cache_dir: "off"
                runs: 2
                num_concurrent_requests: 3
                simulator: {deterministic: true, ttft_ms: 1, itl_ms: 1}
                cases: [{input_tokens: 4, output_tokens: 3}]
                """,
                in: directory
            )
            // All four are started before any is waited for.
            let processes = try (0..<4).map { index in
                let process = Process()
                process.executableURL = binaryURL
                process.arguments = ["bench.yaml", "--quiet"]
                process.currentDirectoryURL = URL(fileURLWithPath: directory)
                process.standardOutput = FileHandle.nullDevice
                let log = directory + "/stderr-\(index).txt"
                _ = FileManager.default.createFile(atPath: log, contents: nil)
                process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
                return process
            }
            try await processes.runUntilAllExit()
            for (index, process) in processes.enumerated() {
                let log = try String(contentsOfFile: directory + "/stderr-\(index).txt", encoding: .utf8)
                #expect(process.terminationStatus == 0, "\(log)")
            }
            let out = directory + "/out"
            let names = try FileManager.default.contentsOfDirectory(atPath: out)
            let tables = names.filter { $0.hasSuffix(".csv") }
            #expect(tables.count == 4)
            #expect(names.filter { $0.hasSuffix("_summary.json") }.count == 4)
            var ids: [String] = []
            for table in tables {
                let rows = try lines(ofFile: out + "/" + table)
                #expect(rows.count == 2, "one header and one row: \(rows)")
                let base = String(table.dropLast(".csv".count))
                let records = try jsonObjects(ofFile: out + "/" + base + "_requests.jsonl")
                #expect(records.count == 6 + 3, "six counted requests after the default warm-up of three")
                let runID = try #require(base.split(separator: "_").last.map(String.init))
                let recordIDs = records.compactMap { $0["request_id"] as? String }
                #expect(recordIDs.allSatisfy { $0.hasPrefix("llmb-\(runID)-") })
                ids += recordIDs
                let summary = try #require(
                    try JSONSerialization.jsonObject(
                        with: Data(contentsOf: URL(fileURLWithPath: out + "/" + base + "_summary.json"))
                    )
                        as? [String: Any]
                )
                #expect(summary["run_id"] as? String == runID)
            }
            #expect(Set(ids).count == 4 * 9)
        }
    }

    @Test func requestIDsAreUniqueAcrossTheStepsOfASweep() async throws {
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: deterministicSimulator) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 2)
                config.cases = [BenchmarkCase(inputTokens: 4, outputTokens: 2)]
                config.load.mode = .sweep
                config.load.sweep = .concurrency([1, 2])
                config.load.requests = 2
                let report = try await BenchmarkRunner(config: config).run()
                let ids = try jsonObjects(ofFile: report.files.requests).compactMap { $0["request_id"] as? String }
                #expect(ids.count == 4)
                #expect(Set(ids).count == 4)
                #expect(ids.allSatisfy { $0.hasPrefix("llmb-\(report.files.runID)-c0-s") })
            }
        }
    }

    @Test func everySummaryCaseAndRequestNamesItsCaseAndStep() async throws {
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: instantSimulator) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 2)
                config.cases = [
                    BenchmarkCase(inputTokens: 4, outputTokens: 2), BenchmarkCase(inputTokens: 6, outputTokens: 2),
                ]
                config.load.mode = .sweep
                config.load.sweep = .concurrency([1, 2])
                config.load.requests = 2
                let report = try await BenchmarkRunner(config: config).run()
                #expect(report.cases.map { [$0.caseIndex, $0.step] } == [[0, 0], [0, 1], [1, 0], [1, 1]])
                let summary = try #require(
                    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report.files.summary)))
                        as? [String: Any]
                )
                let cases = try #require(summary["cases"] as? [[String: Any]])
                #expect(
                    cases.map { [$0["case"] as? Int, $0["step"] as? Int] } == [[0, 0], [0, 1], [1, 0], [1, 1]]
                )
                let records = try jsonObjects(ofFile: report.files.requests)
                #expect(records.count == 8)
                for record in records {
                    let caseIndex = try #require(record["case"] as? Int)
                    let step = try #require(record["step"] as? Int)
                    #expect((record["request_id"] as? String)?.contains("-c\(caseIndex)-s\(step)-r") == true)
                }
            }
        }
    }

    // MARK: - Output checked first

    @Test func anUnwritableOutputFolderFailsBeforeTheServerIsContacted() async throws {
        try await withTemporaryDirectory { directory in
            try "not a folder".write(toFile: directory + "/blocked", atomically: true, encoding: .utf8)
            try await withSimulatedServer(options: deterministicSimulator) { server in
                var config = benchmarkConfig(server: server, directory: directory + "/blocked/results")
                config.promptCacheDirectory = nil
                do {
                    _ = try await BenchmarkRunner(config: config).run()
                    Issue.record("the run went ahead")
                } catch let error as BenchmarkError {
                    guard case .output(let problem) = error else {
                        Issue.record("expected an output error, got \(error)")
                        return
                    }
                    #expect(problem.path.hasSuffix("blocked/results"))
                }
                #expect(server.stats().requestsReceived == 0)
            }
        }
    }

    @Test func aPrefixThatLeavesTheOutputFolderIsAConfigError() throws {
        for prefix in ["../escape", "sub/name", ".."] {
            let yaml = minimalConfigYAML + "\noutput_prefix_name: \"\(prefix)\"\n"
            do {
                _ = try ConfigLoader.parse(yaml: yaml, file: "bench.yaml")
                Issue.record("'\(prefix)' was accepted")
            } catch {
                guard case .outOfRange(let location, "output_prefix_name", _, _) = error else {
                    Issue.record("expected outOfRange for output_prefix_name, got \(error)")
                    continue
                }
                #expect(location.line == 6)
                #expect(error.description.contains("plain file name"))
            }
        }
    }

    // MARK: - JSON types

    @Test func sloMetAndOutputLengthForcedAreJSONBooleans() async throws {
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: deterministicSimulator) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 2)
                config.cases = [BenchmarkCase(inputTokens: 4, outputTokens: 2)]
                config.saveFormat = .jsonl
                config.slo.endToEndMilliseconds = 60_000
                let report = try await BenchmarkRunner(config: config).run()
                let text = try String(contentsOfFile: report.files.results, encoding: .utf8)
                #expect(text.contains(#""output_length_forced":true"#))
                #expect(text.contains(#""slo_met":true"#))
                let summary = try #require(
                    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report.files.summary)))
                        as? [String: Any]
                )
                let row = try #require((summary["cases"] as? [[String: Any]])?.first)
                #expect(row["slo_met"] as? Bool == true)
                #expect(row["output_length_forced"] as? Bool == true)
            }
        }
    }
}
