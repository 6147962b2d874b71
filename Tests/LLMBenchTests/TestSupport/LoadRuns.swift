import Foundation
import LLMBenchSimulator
import Testing

@testable import LLMBench

/// Runs one case (8 input, 6 output tokens, concurrency 4) as `configure` shapes it against a simulator
/// with `options`; returns the report, the lines of the requests file, the streamed requests' truths
/// and the simulator's counters.
func runLoad(
    _ configure: (inout BenchmarkConfig) -> Void,
    options: SimulatorOptions = SimulatorOptions(
        latency: .deterministic(timeToFirstTokenMilliseconds: 2, interTokenMilliseconds: 1)
    )
) async throws -> (BenchmarkReport, [String], [RequestTruth], SimulatorStats) {
    let (report, lines, _, truths, stats) = try await runLoadKeepingRows(configure, options: options)
    return (report, lines, truths, stats)
}

/// As `runLoad`, also returning the lines of the results file.
func runLoadKeepingRows(
    _ configure: (inout BenchmarkConfig) -> Void,
    options: SimulatorOptions = SimulatorOptions(
        latency: .deterministic(timeToFirstTokenMilliseconds: 2, interTokenMilliseconds: 1)
    )
) async throws -> (BenchmarkReport, [String], [String], [RequestTruth], SimulatorStats) {
    try await withTemporaryDirectory { directory in
        try await withSimulatedServer(options: options) { server in
            var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 4)
            config.cases = [BenchmarkCase(inputTokens: 8, outputTokens: 6)]
            configure(&config)
            let report = try await BenchmarkRunner(config: config).run()
            let streamed = server.truths().filter(\.isStreaming)
            return (
                report, try lines(ofFile: report.files.requests), try lines(ofFile: report.files.results), streamed,
                server.stats()
            )
        }
    }
}

/// Each of `lines` parsed as a JSON object.
func jsonObjects(_ lines: [String]) throws -> [[String: Any]] {
    try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
}
