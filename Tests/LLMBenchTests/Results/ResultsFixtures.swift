import Foundation
import LLMBenchSimulator

@testable import LLMBench

/// Runs two cases, each swept over concurrency 1 and 2 with two requests per step (or, with
/// `isSwept` false, one wave of two), against a simulator with fixed latencies, writing into
/// `directory` as `prefix`; returns the report.
func writeSweepRun(
    into directory: String,
    prefix: String = "e2e",
    format: SaveFormat = .csv,
    isSwept: Bool = true
) async throws -> BenchmarkReport {
    try await withSimulatedServer(
        options: SimulatorOptions(latency: .deterministic(timeToFirstTokenMilliseconds: 2, interTokenMilliseconds: 1))
    ) { server in
        var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 2)
        config.cases = [BenchmarkCase(inputTokens: 4, outputTokens: 5), BenchmarkCase(inputTokens: 6, outputTokens: 3)]
        config.outputPrefixName = prefix
        config.saveFormat = format
        if isSwept {
            config.load.mode = .sweep
            config.load.sweep = .concurrency([1, 2])
            config.load.requests = 2
        }
        return try await BenchmarkRunner(config: config).run()
    }
}

/// The JSON value of `text`, read by Foundation's decoder (not by the loader's scanner).
func decodedJSON(_ text: some StringProtocol) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
}

/// The fields of a JSON object's text.
func decodedObject(_ text: some StringProtocol) throws -> [String: JSONValue] {
    guard case .object(let fields) = try decodedJSON(text) else { throw CocoaError(.coderReadCorrupt) }
    return fields
}

/// Rewrites the file at `path` through `change`.
func rewrite(_ path: String, _ change: (String) throws -> String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    try change(text).write(toFile: path, atomically: true, encoding: .utf8)
}

extension JSONValue {
    /// The number this value holds; nil for anything else.
    var numberValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }
}
