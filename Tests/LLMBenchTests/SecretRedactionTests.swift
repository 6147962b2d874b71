import Foundation
import Testing

@testable import LLMBench

/// `SecretRedaction` and each output it guards: config errors, request records, result rows and
/// the summary.
struct SecretRedactionTests {
    static let key = "sk-live-4f9a8b7c6d5e"
    static let token = "tok-gateway-0a1b2c3d"
    static let redaction = SecretRedaction(apiKey: key, headerValues: ["Bearer " + token, "1"])

    @Test func replacesTheKeyAndHeaderValuesWhereverTheyOccur() {
        let text = "Incorrect API key provided: \(Self.key). Proxy saw 'Authorization: Bearer \(Self.token)'."
        let redacted = Self.redaction.apply(text)
        #expect(redacted == "Incorrect API key provided: <redacted>. Proxy saw 'Authorization: <redacted>'.")
    }

    @Test func theBareCredentialOfAnAuthorizationHeaderValueIsReplacedToo() {
        #expect(Self.redaction.apply("token \(Self.token) is unknown") == "token <redacted> is unknown")
    }

    @Test func aJSONEscapedEchoIsReplaced() {
        let redaction = SecretRedaction(apiKey: "ab/cd+ef==", headerValues: [])
        #expect(redaction.apply(#"{"error":"bad key ab\/cd+ef=="}"#) == #"{"error":"bad key <redacted>"}"#)
    }

    @Test func aShortKeyIsReplacedWhereItStandsAsAWord() {
        let redaction = SecretRedaction(apiKey: "abc", headerValues: [])
        #expect(redaction.apply("key abc refused; abcdef stays") == "key <redacted> refused; abcdef stays")
    }

    @Test func aHeaderValueShorterThanFourCharactersLeavesNumbersAlone() {
        #expect(Self.redaction.apply("1 run(s) x 10 concurrent") == "1 run(s) x 10 concurrent")
    }

    @Test func aConfigWithoutSecretsChangesNothing() {
        #expect(SecretRedaction(BenchmarkConfig()).isEmpty)
        #expect(SecretRedaction.none.apply("sk-anything") == "sk-anything")
    }

    @Test func credentialsInTheQueryOfTheBaseURLAndTheMetricsURLsAreReplacedOtherParametersKept() throws {
        var config = BenchmarkConfig()
        config.endpoint = .remote(
            try #require(ServerAddress(parsing: "https://h.example/v1?api-version=2024-02-01&key=s3cr3tk3y"))
        )
        config.serverMetrics.source = .urls(
            [try #require(ServerAddress(parsing: "http://10.0.0.5:8000/metrics?access_token=t0k3nvalue&format=text"))]
        )
        let redaction = SecretRedaction(config)
        let text = "GET /metrics?access_token=t0k3nvalue&format=text of /v1?api-version=2024-02-01&key=s3cr3tk3y"
        #expect(
            redaction.apply(text)
                == "GET /metrics?access_token=<redacted>&format=text of /v1?api-version=2024-02-01&key=<redacted>"
        )
    }

    // MARK: - Config errors

    /// Yams quotes the whole offending line for a character it cannot read.
    @Test func aYAMLErrorOnTheKeysLineDoesNotShowTheKey() throws {
        let yaml = "runs: 1\napi_key: \"\(Self.key)\u{7}\"\nnum_concurrent_requests: 1\n"
        do {
            _ = try ConfigLoader.parse(yaml: yaml, file: "bench.yaml")
            Issue.record("the config was accepted")
        } catch {
            #expect(!error.description.contains(Self.key), "\(error.description)")
            #expect(error.description.hasPrefix("bench.yaml:2: YAML syntax error: "))
        }
    }

    @Test func aYAMLErrorShowsNoHeaderValueOrKeyFromTheEnvironment() throws {
        let yaml = """
            api_key: ${BENCH_KEY}
            headers:
              X-Gateway-Token: \(Self.token)
            model: "\u{7}\(Self.token) \(Self.key)"
            """
        do {
            _ = try ConfigLoader.parse(yaml: yaml, file: "bench.yaml", environment: ["BENCH_KEY": Self.key])
            Issue.record("the config was accepted")
        } catch {
            #expect(error.description.contains("YAML"), "the YAML error itself: \(error.description)")
            #expect(!error.description.contains(Self.key), "\(error.description)")
            #expect(!error.description.contains(Self.token), "\(error.description)")
        }
    }

    @Test func aWrongValueQuotedInAnErrorDoesNotShowTheKey() throws {
        let yaml = """
            api_key: \(Self.key)
            runs: 1
            num_concurrent_requests: 1
            save_format: \(Self.key)
            cases: [{input_tokens: 1, output_tokens: 1}]
            """
        do {
            _ = try ConfigLoader.parse(yaml: yaml, file: "bench.yaml")
            Issue.record("the config was accepted")
        } catch {
            #expect(!error.description.contains(Self.key), "\(error.description)")
            #expect(error.description.contains("'save_format' is '<redacted>'"))
        }
    }

    // MARK: - Files

    @Test func aRequestRecordWritesTheServersEchoRedacted() throws {
        var record = successfulRecord(index: 0)
        record.failure = RequestFailure(
            kind: .http4xx,
            httpStatus: 401,
            message: "Incorrect API key provided: \(Self.key)"
        )
        let text = String(decoding: record.jsonLine(redaction: Self.redaction), as: UTF8.self)
        #expect(!text.contains(Self.key))
        #expect(text.contains("Incorrect API key provided: <redacted>"))
    }

    @Test(arguments: SaveFormat.allCases)
    func theResultsFileWritesEveryTextRedacted(format: SaveFormat) async throws {
        try await withTemporaryDirectory { directory in
            let output = try OpenResultFiles.create(
                directory: directory,
                prefix: "r",
                format: format,
                writesReport: true,
                date: Date()
            )
            let table = try ResultTableWriter(
                file: output.results,
                format: format,
                isStreaming: true,
                redaction: Self.redaction
            )
            try table.append(ResultRow(caseSummary(model: "model-\(Self.key)")))
            try table.finish()
            let text = try String(contentsOfFile: output.paths.results, encoding: .utf8)
            #expect(!text.contains(Self.key))
            #expect(text.contains("model-<redacted>"))
        }
    }

    @Test func theSummaryWritesEveryTextRedacted() throws {
        var config = BenchmarkConfig(apiKey: APIKey(Self.key), headers: ["Authorization": "Bearer " + Self.token])
        config.model = "model-\(Self.key)"
        config.cases = [BenchmarkCase(inputTokens: 4, outputTokens: 4)]
        let report = BenchmarkReport(
            cases: [caseSummary(model: config.model)],
            files: ResultFiles(
                runID: "abc123",
                results: "r.csv",
                requests: "r_requests.jsonl",
                summary: "r_summary.json"
            ),
            seed: 1,
            wasInterrupted: false,
            sweeps: []
        )
        let document = SummaryDocument(
            config: config,
            report: report,
            startedAt: Date(),
            finishedAt: Date(),
            redaction: SecretRedaction(config)
        )
        let data = try JSONSerialization.data(withJSONObject: try document.object())
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains(Self.key))
        #expect(!text.contains(Self.token))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let written = try #require(object["config"] as? [String: Any])
        #expect(written["api_key"] as? String == "<redacted>")
        #expect(written["headers"] as? [String: String] == ["Authorization": "<redacted>"])
    }
}
