import Foundation
import LLMBenchSimulator
import Testing

@testable import LLMBench

/// The config of a small benchmark against `server`, writing to `directory`: two cases, no warm-up.
func benchmarkConfig(server: SimulatedServer, directory: String, runs: Int = 2, concurrency: Int = 8)
    -> BenchmarkConfig
{
    var config = BenchmarkConfig()
    config.endpoint = .remote(ServerAddress(parsing: server.baseURL)!)
    config.model = "llm-bench-sim"
    config.outputDirectory = directory
    config.outputPrefixName = "e2e"
    config.runs = runs
    config.concurrency = concurrency
    config.cases = [
        BenchmarkCase(inputTokens: 16, outputTokens: 20), BenchmarkCase(inputTokens: 40, outputTokens: 7),
    ]
    config.inputFile = packageRoot + "/input.txt"
    config.seed = 7
    config.promptCacheDirectory = directory + "/prompts"
    // Tests count the requests the simulator saw; the default warm-up has tests of its own.
    config.load.warmup = 0
    return config
}

/// A simulator with fixed latencies: 15 ms to the first token, 4 ms between tokens.
let deterministicSimulator = SimulatorOptions(
    latency: .deterministic(timeToFirstTokenMilliseconds: 15, interTokenMilliseconds: 4)
)

/// A simulator that answers at once.
let instantSimulator = SimulatorOptions(latency: .instant)

/// The smallest valid config for the embedded simulator.
let minimalConfigYAML = """
    runs: 2
    num_concurrent_requests: 4
    cases:
      - input_tokens: 128
        output_tokens: 64
    """

/// A self-signed certificate for 127.0.0.1, made with the openssl command line.
func makeCertificate(in directory: String) throws -> SimulatorOptions.TLSFiles {
    let files = SimulatorOptions.TLSFiles(
        certificateChainPath: directory + "/cert.pem",
        privateKeyPath: directory + "/key.pem"
    )
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
        "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
        "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", files.privateKeyPath, "-out",
        files.certificateChainPath,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "openssl could not make a test certificate")
    return files
}

/// Writes `text` as `bench.yaml` into `directory`, beside a copy of the repository's `input.txt`; returns its path.
func writeBenchConfig(_ text: String, in directory: String) throws -> String {
    let path = directory + "/bench.yaml"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    try FileManager.default.copyItem(atPath: packageRoot + "/input.txt", toPath: directory + "/input.txt")
    return path
}
