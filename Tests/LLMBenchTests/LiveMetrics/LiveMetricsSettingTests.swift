import Foundation
import Testing

@testable import LLMBench

/// `metrics_port` in the config and `--metrics-port` on the command line: what they accept and
/// how they refuse the rest.
struct LiveMetricsSettingTests {
    static let base = """
        runs: 1
        num_concurrent_requests: 1
        cases: [{input_tokens: 1, output_tokens: 1}]
        """

    static func parse(_ line: String) throws(ConfigError) -> BenchmarkConfig {
        try ConfigLoader.parse(yaml: base + "\n" + line, file: "bench.yaml")
    }

    @Test(arguments: [
        ("metrics_port: 9464", LiveMetricsAddress(host: "127.0.0.1", port: 9464)),
        ("metrics_port: 0", LiveMetricsAddress(host: "127.0.0.1", port: 0)),
        (#"metrics_port: "0.0.0.0:9464""#, LiveMetricsAddress(host: "0.0.0.0", port: 9464)),
        (#"metrics_port: "localhost:65535""#, LiveMetricsAddress(host: "localhost", port: 65535)),
        (#"metrics_port: "[::1]:9000""#, LiveMetricsAddress(host: "::1", port: 9000)),
    ])
    func aPortOrHostAndPortIsRead(line: String, expected: LiveMetricsAddress) throws {
        #expect(try Self.parse(line).liveMetrics == expected)
    }

    @Test func withoutTheKeyNothingIsServed() throws {
        #expect(try Self.parse("").liveMetrics == nil)
    }

    @Test(arguments: ["70000", "-1", "abc", #""host:""#, #"":9000""#, #""a:b:9000""#, #""[::1]""#, "9464.5"])
    func aWrongValueNamesTheKeyLineAndRule(value: String) throws {
        do {
            _ = try Self.parse("metrics_port: \(value)")
            Issue.record("metrics_port: \(value) was accepted")
        } catch {
            #expect(error.description.contains("bench.yaml:4:15: 'metrics_port' is"), "\(error.description)")
            #expect(error.description.contains(LiveMetricsAddress.rule), "\(error.description)")
        }
    }

    @Test func aListIsTheWrongType() throws {
        #expect(throws: ConfigError.self) { _ = try Self.parse("metrics_port: [9464]") }
        do { _ = try Self.parse("metrics_port: [9464]") } catch {
            #expect(error.description.contains("'metrics_port' must be a port number or \"HOST:PORT\", found a list"))
        }
    }

    @Test func aMisspeltKeyIsSuggested() throws {
        do {
            _ = try Self.parse("metric_port: 9464")
            Issue.record("the misspelt key was accepted")
        } catch {
            #expect(error.description.contains("Did you mean 'metrics_port'?"), "\(error.description)")
        }
    }

    @Test func theSummaryWritesTheKeyBackAsItReadsIt() throws {
        let config = try Self.parse(#"metrics_port: "[::1]:9000""#)
        let data = try JSONEncoder().encode(config)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let written = try #require(object["metrics_port"] as? String)
        #expect(LiveMetricsAddress(parsing: written) == config.liveMetrics)
    }

    @Test(arguments: ["70000", "port", "1.2.3.4:", ""])
    func aWrongFlagExitsWithTwo(value: String) async throws {
        let result = try await runBinary(["bench.yaml", "--metrics-port", value], in: NSTemporaryDirectory())
        #expect(result.status == 2, "\(result.standardError)")
        #expect(
            CommandLineTests.words(result.standardError).contains("'--metrics-port' is '\(value)', but it must be"),
            "\(result.standardError)"
        )
    }

    @Test func aTakenPortFailsTheRunWithThreeBeforeAnythingIsMeasured() async throws {
        try await LiveMetricsEndpointTests.withEndpoint { endpoint in
            try await withTemporaryDirectory { directory in
                _ = try writeBenchConfig(Self.base + "\noutput_dir: out\n", in: directory)
                let result = try await runBinary(
                    ["bench.yaml", "--metrics-port", "\(endpoint.address.port)"],
                    in: directory
                )
                #expect(result.status == 3, "\(result.standardError)")
                #expect(
                    result.standardError.contains(
                        "the live metrics could not be served on 127.0.0.1:\(endpoint.address.port)"
                    )
                )
                let written = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/out")) ?? []
                #expect(written.filter { $0.hasSuffix(".jsonl") || $0.hasSuffix(".csv") }.isEmpty, "\(written)")
            }
        }
    }
}
