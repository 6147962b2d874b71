import Foundation
import LLMBenchSimulator
import Testing

@testable import LLMBench

/// `ConfigLoader.parse(yaml:file:environment:)`: every class of `ConfigError` with its message, and
/// a valid config read key by key.
struct ConfigLoaderTests {
    static let file = "bench.yaml"

    static func parse(_ yaml: String, environment: [String: String] = [:]) throws(ConfigError) -> BenchmarkConfig {
        try ConfigLoader.parse(yaml: yaml, file: file, environment: environment)
    }

    /// The error `yaml` is rejected with; records an issue when it parses.
    static func error(
        _ yaml: String,
        environment: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> ConfigError? {
        do {
            _ = try parse(yaml, environment: environment)
            Issue.record("the config was accepted", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - YAML and document shape

    @Test func reportsYAMLSyntaxErrorWithLineAndColumn() throws {
        let yaml = """
            runs: 2
            num_concurrent_requests: 4
            model: a: b
            """
        let error = try #require(Self.error(yaml))
        guard case .syntax(let location, let problem) = error else {
            Issue.record("expected a syntax error, got \(error)")
            return
        }
        #expect(location.file == Self.file)
        #expect(location.line == 3)
        #expect(location.column == 9)
        #expect(problem.contains("mapping values are not allowed"))
        #expect(error.description.hasPrefix("bench.yaml:3:9: YAML syntax error: "))
        #expect(error.description.hasSuffix("Fix the YAML at that line."))
    }

    @Test func reportsUnterminatedQuoteAsSyntaxError() throws {
        let error = try #require(Self.error("runs: 2\nmodel: \"open\nnum_concurrent_requests: 4\n"))
        guard case .syntax(let location, _) = error else {
            Issue.record("expected a syntax error, got \(error)")
            return
        }
        #expect(location.line != nil)
        #expect(location.column != nil)
        #expect(
            error.description.contains("bench.yaml:\(location.line ?? 0):\(location.column ?? 0): YAML syntax error")
        )
    }

    @Test(arguments: ["- runs: 2\n- cases: []\n", "just some text\n", "42\n"])
    func rejectsTopLevelThatIsNotAMapping(yaml: String) throws {
        let error = try #require(Self.error(yaml))
        guard case .notAMapping(let location, let key) = error else {
            Issue.record("expected notAMapping, got \(error)")
            return
        }
        #expect(key == nil)
        #expect(location.file == Self.file)
        #expect(location.line == 1)
        #expect(error.description.hasPrefix("bench.yaml:1:"))
        #expect(error.description.contains("the config must be a mapping of keys to values (e.g. 'model: my-model')"))
    }

    @Test(arguments: ["", "# only a comment\n"])
    func rejectsEmptyDocument(yaml: String) throws {
        let error = try #require(Self.error(yaml))
        #expect(error == .notAMapping(.init(file: Self.file, line: 1, column: 1), key: nil))
        #expect(
            error.description
                == "bench.yaml:1:1: the config must be a mapping of keys to values (e.g. 'model: my-model')."
        )
    }

    // MARK: - Missing keys

    @Test(arguments: ["runs", "num_concurrent_requests", "cases"])
    func rejectsMissingRequiredKey(key: String) throws {
        let yaml = minimalConfigYAML.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { line in
                // Drops the key's own line and, for `cases`, its entries.
                !(line.hasPrefix("\(key):") || (key == "cases" && line.hasPrefix(" ")))
            }
            .joined(separator: "\n")
        let error = try #require(Self.error(yaml))
        // The location is the mapping that lacks the key: here the document itself.
        #expect(error == .missingKey(.init(file: Self.file, line: 1, column: 1), key: key))
        #expect(error.description == "bench.yaml:1:1: required key '\(key)' is missing. Add '\(key): …' to the config.")
    }

    @Test func requiresModelForRemoteServer() throws {
        let error = try #require(Self.error("base_url: http://localhost:8000/v1\n" + minimalConfigYAML))
        #expect(error == .missingKey(.init(file: Self.file, line: 1, column: 1), key: "model"))
        #expect(error.description == "bench.yaml:1:1: required key 'model' is missing. Add 'model: …' to the config.")
    }

    @Test func nullModelCountsAsMissingForRemoteServer() throws {
        let error = try #require(Self.error("base_url: http://localhost:8000/v1\nmodel:\n" + minimalConfigYAML))
        #expect(error == .missingKey(.init(file: Self.file, line: 1, column: 1), key: "model"))
    }

    @Test func modelIsOptionalForEmbeddedSimulator() throws {
        let config = try Self.parse(minimalConfigYAML)
        #expect(config.endpoint == .embedded)
        #expect(config.model == SimulatorOptions().servedModels.first)
    }

    @Test func requiresBothLengthsOfACase() throws {
        let error = try #require(Self.error("runs: 1\nnum_concurrent_requests: 1\ncases:\n  - input_tokens: 5\n"))
        // The location is the case entry that lacks the key.
        #expect(error == .missingKey(.init(file: Self.file, line: 4, column: 5), key: "cases[0].output_tokens"))
        #expect(
            error.description
                == "bench.yaml:4:5: required key 'cases[0].output_tokens' is missing. Add 'cases[0].output_tokens: …' to the config."
        )
    }

    // MARK: - Wrong types

    /// A value of the wrong type, its location and the message naming what was expected.
    @Test(arguments: [
        ("runs: \"ten\"", 1, 7, "runs", "a whole number", "'ten'"),
        ("runs: 1.5", 1, 7, "runs", "a whole number", "1.5"),
        ("cases: 128", 3, 8, "cases", "a list", "'128'"),
    ])
    func rejectsAValueOfTheWrongType(
        replacement: String,
        line: Int,
        column: Int,
        key: String,
        expected: String,
        found: String
    ) throws {
        let yaml =
            key == "runs"
            ? minimalConfigYAML.replacingOccurrences(of: "runs: 2", with: replacement)
            : "runs: 1\nnum_concurrent_requests: 1\n" + replacement + "\n"
        let error = try #require(Self.error(yaml))
        #expect(
            error
                == .wrongType(
                    .init(file: Self.file, line: line, column: column),
                    key: key,
                    expected: expected,
                    found: found
                )
        )
        #expect(error.description == "bench.yaml:\(line):\(column): '\(key)' must be \(expected), found \(found).")
    }

    @Test func rejectsCasesWrittenAsMapping() throws {
        let error = try #require(Self.error("runs: 1\nnum_concurrent_requests: 1\ncases:\n  input_tokens: 1\n"))
        guard case .wrongType(let location, "cases", "a list", "a mapping") = error else {
            Issue.record("expected wrongType for cases, got \(error)")
            return
        }
        #expect(location.line == 4)
        #expect(error.description.hasSuffix("'cases' must be a list, found a mapping."))
    }

    @Test func rejectsCaseEntryThatIsNotAMapping() throws {
        let yaml = "runs: 1\nnum_concurrent_requests: 1\ncases:\n  - input_tokens: 1\n    output_tokens: 1\n  - 128\n"
        let error = try #require(Self.error(yaml))
        #expect(error == .notAMapping(.init(file: Self.file, line: 6, column: 5), key: "cases[1]"))
        #expect(error.description == "bench.yaml:6:5: 'cases[1]' must be a mapping of keys to values.")
    }

    @Test func rejectsReportThatIsNotABoolean() throws {
        let error = try #require(Self.error("report: html\n" + minimalConfigYAML))
        #expect(error.description == "bench.yaml:1:9: 'report' must be true or false, found 'html'.")
    }

    @Test func rejectsStreamWritingThatIsNotABoolean() throws {
        let error = try #require(Self.error("stream_writing: sometimes\n" + minimalConfigYAML))
        #expect(error.description == "bench.yaml:1:17: 'stream_writing' must be true or false, found 'sometimes'.")
    }

    // MARK: - Ranges and allowed values

    @Test(arguments: [
        ("runs: 2", "runs: 0", "runs", "0", 1, 7),
        ("num_concurrent_requests: 4", "num_concurrent_requests: 0", "num_concurrent_requests", "0", 2, 26),
        ("input_tokens: 128", "input_tokens: 0", "cases[0].input_tokens", "0", 4, 19),
        ("output_tokens: 64", "output_tokens: -1", "cases[0].output_tokens", "-1", 5, 20),
    ])
    func rejectsValueOutOfRange(
        original: String,
        replacement: String,
        key: String,
        value: String,
        line: Int,
        column: Int
    )
        throws
    {
        let error = try #require(Self.error(minimalConfigYAML.replacingOccurrences(of: original, with: replacement)))
        #expect(
            error
                == .outOfRange(
                    .init(file: Self.file, line: line, column: column),
                    key: key,
                    value: value,
                    rule: "at least 1"
                )
        )
        #expect(error.description == "bench.yaml:\(line):\(column): '\(key)' is \(value), but it must be at least 1.")
    }

    @Test(arguments: [
        ("runs: 2", "runs: 2000000", "bench.yaml:1:7: 'runs' is 2000000, but it must be at most 1000000."),
        (
            "runs: 2", "runs: 2\nload: {mode: rate, rate: 2e9}",
            "'load.rate' is 2000000000.0, but it must be at most 1000000000."
        ),
    ])
    func aValueAboveItsRangeNamesTheUpperBound(original: String, replacement: String, message: String) throws {
        let error = try #require(Self.error(minimalConfigYAML.replacingOccurrences(of: original, with: replacement)))
        #expect(error.description.hasSuffix(message), "\(error)")
    }

    @Test func rejectsEmptyCasesList() throws {
        let error = try #require(Self.error("runs: 1\nnum_concurrent_requests: 1\ncases: []\n"))
        #expect(
            error
                == .outOfRange(
                    .init(file: Self.file, line: 3, column: 8),
                    key: "cases",
                    value: "empty",
                    rule: "a list of at least one case"
                )
        )
        #expect(error.description == "bench.yaml:3:8: 'cases' is empty, but it must be a list of at least one case.")
    }

    @Test func rejectsUnknownSaveFormatListingTheAllowedOnes() throws {
        let error = try #require(Self.error("save_format: xml\n" + minimalConfigYAML))
        #expect(
            error
                == .invalidValue(
                    .init(file: Self.file, line: 1, column: 14),
                    key: "save_format",
                    value: "xml",
                    allowed: ["csv", "jsonl"]
                )
        )
        #expect(error.description == "bench.yaml:1:14: 'save_format' is 'xml', but it must be one of 'csv', 'jsonl'.")
    }

    @Test func acceptsSaveFormatInAnyCase() throws {
        #expect(try Self.parse("save_format: JSONL\n" + minimalConfigYAML).saveFormat == .jsonl)
    }

    // MARK: - Unknown keys

    @Test(arguments: [
        ("num_concurent_requests: 4", "num_concurent_requests", "num_concurrent_requests"),
        ("ouput_dir: out", "ouput_dir", "output_dir"),
        ("stream_writting: true", "stream_writting", "stream_writing"),
        ("Runs: 3", "Runs", "runs"),
    ])
    func suggestsTheClosestKnownKey(line: String, key: String, suggestion: String) throws {
        let error = try #require(Self.error(minimalConfigYAML + "\n" + line + "\n"))
        #expect(error == .unknownKey(.init(file: Self.file, line: 6, column: 1), key: key, suggestion: suggestion))
        #expect(error.description == "bench.yaml:6:1: unknown key '\(key)'. Did you mean '\(suggestion)'?")
    }

    @Test func suggestsNestedKeyWithItsPath() throws {
        let yaml = minimalConfigYAML.replacingOccurrences(of: "- input_tokens: 128", with: "- input_token: 128")
        let error = try #require(Self.error(yaml))
        #expect(
            error
                == .unknownKey(
                    .init(file: Self.file, line: 4, column: 5),
                    key: "cases[0].input_token",
                    suggestion: "cases[0].input_tokens"
                )
        )
        #expect(
            error.description
                == "bench.yaml:4:5: unknown key 'cases[0].input_token'. Did you mean 'cases[0].input_tokens'?"
        )
    }

    @Test func suggestsKeyInsideSection() throws {
        let error = try #require(Self.error(minimalConfigYAML + "\nretry:\n  max_retry: 2\n"))
        #expect(
            error
                == .unknownKey(
                    .init(file: Self.file, line: 7, column: 3),
                    key: "retry.max_retry",
                    suggestion: "retry.max_retries"
                )
        )
    }

    @Test func unknownKeyFarFromEveryKnownOneHasNoSuggestion() throws {
        let error = try #require(Self.error("temperature: 0.7\n" + minimalConfigYAML))
        #expect(error == .unknownKey(.init(file: Self.file, line: 1, column: 1), key: "temperature", suggestion: nil))
        #expect(
            error.description
                == "bench.yaml:1:1: unknown key 'temperature'. Remove it or check its spelling against the README."
        )
    }

    // MARK: - base_url

    @Test(arguments: ["ftp://host/v1", "localhost:8000/v1", "http://", "http://host:99999/v1"])
    func rejectsBaseURLThatIsNotHTTP(url: String) throws {
        let error = try #require(Self.error("base_url: \"\(url)\"\nmodel: m\n" + minimalConfigYAML))
        guard case .wrongType(let location, "base_url", let expected, let found) = error else {
            Issue.record("expected wrongType for base_url, got \(error)")
            return
        }
        #expect(location == .init(file: Self.file, line: 1, column: 11))
        #expect(found == "'\(url)'")
        #expect(expected.contains("http:// or https://"))
        #expect(error.description.hasPrefix("bench.yaml:1:11: 'base_url' must be an http:// or https:// URL"))
        #expect(error.description.contains("or 'embedded'"))
        #expect(error.description.hasSuffix("found '\(url)'."))
    }

    @Test(arguments: [
        ("http://bob:s3cret@127.0.0.1:9/v1", "http://<redacted>@127.0.0.1:9/v1"),
        ("https://tok3n@api.example.com/v1?x=@y", "https://<redacted>@api.example.com/v1?x=@y"),
    ])
    func aBaseURLWithCredentialsIsRefusedWithoutShowingThem(url: String, shown: String) throws {
        let error = try #require(Self.error("base_url: \"\(url)\"\nmodel: m\n" + minimalConfigYAML))
        #expect(!error.description.contains("s3cret") && !error.description.contains("tok3n"), "\(error)")
        #expect(error.description.contains("found '\(shown)'"))
        #expect(error.description.contains("api_key"))
    }

    @Test func aBaseURLWithAnAtOnlyInItsPathOrQueryHoldsNoCredentials() {
        #expect(ServerAddress.credentialsHidden(in: "http://host:8000/v1/@models?q=a@b") == nil)
        #expect(ServerAddress.credentialsHidden(in: "http://host:8000") == nil)
    }

    @Test(arguments: ["base_url: embedded\n", "", "base_url:\n"])
    func embeddedOrAbsentBaseURLMeansTheSimulator(prefix: String) throws {
        #expect(try Self.parse(prefix + minimalConfigYAML).endpoint == .embedded)
    }

    @Test func remoteBaseURLIsParsed() throws {
        let config = try Self.parse("base_url: https://api.example.com/v1/\nmodel: m\n" + minimalConfigYAML)
        #expect(
            config.endpoint == .remote(ServerAddress(isTLS: true, host: "api.example.com", port: 443, basePath: "/v1"))
        )
    }

    // MARK: - api_key

    @Test func readsAPIKeyFromNamedEnvironmentVariable() throws {
        let config = try Self.parse(
            "api_key: \"${MY_KEY}\"\n" + minimalConfigYAML,
            environment: ["MY_KEY": "sk-from-env", "OPENAI_API_KEY": "sk-other"]
        )
        #expect(config.apiKey == APIKey("sk-from-env"))
    }

    @Test func rejectsUnsetEnvironmentVariable() throws {
        let error = try #require(
            Self.error("api_key: \"${MY_KEY}\"\n" + minimalConfigYAML, environment: ["OPENAI_API_KEY": "sk-other"])
        )
        #expect(
            error
                == .unsetEnvironmentVariable(
                    .init(file: Self.file, line: 1, column: 10),
                    key: "api_key",
                    variable: "MY_KEY"
                )
        )
        #expect(
            error.description
                == "bench.yaml:1:10: 'api_key' refers to the environment variable MY_KEY, which is not set. "
                + "Export MY_KEY or write the value into the config."
        )
    }

    @Test func emptyEnvironmentVariableMeansNoKey() throws {
        #expect(
            try Self.parse("api_key: \"${MY_KEY}\"\n" + minimalConfigYAML, environment: ["MY_KEY": ""]).apiKey == nil
        )
    }

    @Test func fallsBackToOpenAIAPIKeyWhenAPIKeyIsAbsent() throws {
        #expect(
            try Self.parse(minimalConfigYAML, environment: ["OPENAI_API_KEY": "sk-fallback"]).apiKey
                == APIKey("sk-fallback")
        )
    }

    @Test func literalAPIKeyWinsOverEnvironment() throws {
        let config = try Self.parse(
            "api_key: sk-literal\n" + minimalConfigYAML,
            environment: ["OPENAI_API_KEY": "sk-fallback"]
        )
        #expect(config.apiKey == APIKey("sk-literal"))
    }

    @Test func noKeyAnywhereMeansNil() throws {
        #expect(try Self.parse(minimalConfigYAML).apiKey == nil)
        #expect(try Self.parse(minimalConfigYAML, environment: ["OPENAI_API_KEY": ""]).apiKey == nil)
    }

    @Test func apiKeyNeverShowsItself() throws {
        let key = APIKey("sk-secret-123")
        #expect(key.description == "<redacted>")
        #expect("\(key)" == "<redacted>")
        let config = try Self.parse("api_key: sk-secret-123\n" + minimalConfigYAML)
        #expect(!String(describing: config).contains("sk-secret-123"))
    }

    // MARK: - A valid config

    @Test func parsesEveryKeyOfAFullConfig() throws {
        let yaml = """
            base_url: "https://api.example.com:8443/v1/"
            api_key: "${BENCH_KEY}"
            model: qwen3-235b
            output_prefix_name: full-run
            output_dir: out/results
            save_format: jsonl
            stream_writing: false
            report: false
            runs: 7
            num_concurrent_requests: 12
            cases:
              - input_tokens: 128
                output_tokens: 256
              - input_tokens: 1000
                output_tokens: 10
            input_file: corpus/vi.txt
            seed: 42
            retry:
              max_retries: 5
              backoff_ms: [50, 150]
              max_retry_after_ms: 2000
            timeouts:
              connect_ms: 1500
              idle_ms: 30000
              total_ms: 0
            headers:
              X-Gateway: abc
              X-Team: "bench"
            tls_insecure: true
            continuous_usage_stats: true
            simulator:
              ttft_ms: 30
              prefill_tokens_per_second: 5000
              itl_ms: 8
              itl_per_sequence_ms: 0.5
              max_sequences: 32
              jitter: 0.1
              seed: 7
              tokens_per_event: 2
              tokenize_endpoints: false
              threads: 2
              server_timings: true
              kv_cache_tokens: 5000
              prefix_cache: false
              prefix_cache_block_tokens: 32
              prefix_cache_tokens: 4096
            """
        let config = try Self.parse(yaml, environment: ["BENCH_KEY": "sk-full"])
        #expect(
            config.endpoint == .remote(ServerAddress(isTLS: true, host: "api.example.com", port: 8443, basePath: "/v1"))
        )
        #expect(config.apiKey?.value == "sk-full")
        #expect(config.model == "qwen3-235b")
        #expect(config.outputPrefixName == "full-run")
        #expect(config.outputDirectory == "out/results")
        #expect(config.saveFormat == .jsonl)
        #expect(config.streamWriting == false)
        #expect(config.writesReport == false)
        #expect(config.runs == 7)
        #expect(config.concurrency == 12)
        #expect(
            config.cases == [
                BenchmarkCase(inputTokens: 128, outputTokens: 256), BenchmarkCase(inputTokens: 1000, outputTokens: 10),
            ]
        )
        #expect(config.inputFile == "corpus/vi.txt")
        #expect(config.seed == 42)
        #expect(
            config.retry == RetryPolicy(maxRetries: 5, backoffMilliseconds: [50, 150], maxRetryAfterMilliseconds: 2000)
        )
        #expect(
            config.timeouts == RequestTimeouts(connectMilliseconds: 1500, idleMilliseconds: 30000, totalMilliseconds: 0)
        )
        #expect(config.headers == ["X-Gateway": "abc", "X-Team": "bench"])
        #expect(config.tlsInsecure)
        #expect(config.continuousUsageStats)
        #expect(config.sourcePath == Self.file)
        let simulator = config.simulator
        #expect(simulator.timeToFirstTokenMilliseconds == 30)
        #expect(simulator.prefillTokensPerSecond == 5000)
        #expect(simulator.interTokenMilliseconds == 8)
        #expect(simulator.interTokenMillisecondsPerSequence == 0.5)
        #expect(simulator.maxSequences == 32)
        #expect(simulator.jitter == 0.1)
        #expect(simulator.seed == 7)
        #expect(!simulator.isDeterministic)
        #expect(simulator.tokensPerEvent == 2)
        #expect(simulator.tokenizeEndpoints == false)
        #expect(simulator.threads == 2)
        #expect(simulator.serverTimings)
        #expect(simulator.kvCacheTokens == 5000)
        #expect(!simulator.prefixCache)
        #expect(simulator.prefixCacheBlockTokens == 32)
        #expect(simulator.prefixCacheTokens == 4096)
    }

    @Test func minimalConfigTakesTheDefaults() throws {
        let config = try Self.parse(minimalConfigYAML)
        let defaults = BenchmarkConfig()
        #expect(config.runs == 2)
        #expect(config.concurrency == 4)
        #expect(config.cases == [BenchmarkCase(inputTokens: 128, outputTokens: 64)])
        #expect(config.saveFormat == defaults.saveFormat)
        #expect(config.streamWriting == defaults.streamWriting)
        #expect(config.writesReport && defaults.writesReport, "a report by default")
        #expect(config.outputDirectory == defaults.outputDirectory)
        #expect(config.outputPrefixName == defaults.outputPrefixName)
        #expect(config.inputFile == defaults.inputFile)
        #expect(config.seed == nil)
        #expect(config.retry == RetryPolicy())
        #expect(config.timeouts == RequestTimeouts())
        #expect(config.headers.isEmpty)
        #expect(config.tlsInsecure == false)
        #expect(config.continuousUsageStats == false)
    }

    @Test func rejectsNegativeBackoffWithItsIndex() throws {
        let error = try #require(Self.error(minimalConfigYAML + "\nretry:\n  backoff_ms: [100, -5]\n"))
        guard case .outOfRange(let location, "retry.backoff_ms[1]", "-5", _) = error else {
            Issue.record("expected outOfRange for retry.backoff_ms[1], got \(error)")
            return
        }
        #expect(location.line == 7)
    }

    // MARK: - The shipped examples

    /// The package root, found from this file's path.
    static let packageDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let exampleConfigs: [String] = {
        let folder = packageDirectory.appendingPathComponent("configs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    }()

    @Test func examplesFolderHoldsTheDocumentedConfigs() {
        #expect(Set(["demo.yaml", "scenario-1.yaml", "local-test.yaml"]).isSubset(of: Set(Self.exampleConfigs)))
    }

    @Test(arguments: exampleConfigs)
    func exampleConfigLoads(name: String) throws {
        let path = Self.packageDirectory.appendingPathComponent("configs").appendingPathComponent(name).path
        let config = try ConfigLoader.load(path: path, environment: ["OPENAI_API_KEY": "sk-test"])
        #expect(!config.cases.isEmpty)
        #expect(config.runs >= 1)
        #expect(config.concurrency >= 1)
        #expect(config.sourcePath == path)
    }

    @Test func headerValueWrittenAsAVariableIsReadFromTheEnvironment() throws {
        let yaml = minimalConfigYAML + "\nheaders:\n  X-Org: \"${ORG_TOKEN}\"\n  X-Plain: fixed\n"
        let config = try Self.parse(yaml, environment: ["ORG_TOKEN": "org-secret"])
        #expect(config.headers == ["X-Org": "org-secret", "X-Plain": "fixed"])
        let error = try #require(Self.error(yaml))
        guard case .unsetEnvironmentVariable(_, let key, let variable) = error else {
            Issue.record("expected an unset variable, got \(error)")
            return
        }
        #expect(key == "headers.X-Org")
        #expect(variable == "ORG_TOKEN")
    }

    @Test func headerValueReadFromTheEnvironmentIsRedactedInErrors() throws {
        let yaml = minimalConfigYAML + "\nheaders:\n  X-Org: \"${ORG_TOKEN}\"\nseed: org-secret-value\n"
        let error = try #require(Self.error(yaml, environment: ["ORG_TOKEN": "org-secret-value"]))
        #expect(!error.description.contains("org-secret-value"))
    }

    @Test func scenarioOneReadsItsKeyFromTheEnvironment() throws {
        let path = Self.packageDirectory.appendingPathComponent("configs/scenario-1.yaml").path
        let config = try ConfigLoader.load(path: path, environment: ["OPENAI_API_KEY": "sk-test"])
        #expect(config.apiKey == APIKey("sk-test"))
        #expect(throws: ConfigError.self) { try ConfigLoader.load(path: path, environment: [:]) }
    }

    @Test func duplicateKeyIsASyntaxError() throws {
        let error = try #require(Self.error(minimalConfigYAML + "\nruns: 3\n"))
        guard case .syntax(let location, let problem) = error else {
            Issue.record("expected a syntax error, got \(error)")
            return
        }
        #expect(location.file == Self.file)
        #expect(location.line != nil)
        #expect(problem.contains("runs"))
        #expect(error.description.contains("YAML syntax error"))
    }

    @Test func fileThatIsNotUTF8IsUnreadable() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("llm-bench-\(UUID().uuidString).yaml")
            .path
        #expect(
            FileManager.default.createFile(
                atPath: path,
                contents: Data([0x72, 0x75, 0x6E, 0x73, 0x3A, 0x20, 0xFF, 0xFE])
            )
        )
        let error = #expect(throws: ConfigError.self) { try ConfigLoader.load(path: path, environment: [:]) }
        try? FileManager.default.removeItem(atPath: path)
        #expect(error == .unreadable(path: path, reason: "it is not UTF-8 text"))
        #expect(error?.description == "config file '\(path)' cannot be read: it is not UTF-8 text.")
    }

    @Test func missingFileIsReported() throws {
        let error = #expect(throws: ConfigError.self) {
            try ConfigLoader.load(path: "/nonexistent/bench.yaml", environment: [:])
        }
        #expect(error == .fileNotFound(path: "/nonexistent/bench.yaml"))
        #expect(error?.description.contains("'/nonexistent/bench.yaml' not found") == true)
    }
}
