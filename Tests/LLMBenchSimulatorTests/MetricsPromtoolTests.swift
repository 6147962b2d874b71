import Foundation
import LLMBenchSimulator
import Testing

/// Prometheus's own linter on the simulator's `/metrics` (Debian's `prometheus` package).
@Suite(.timeLimit(.minutes(1)))
struct MetricsPromtoolTests {
    /// What `promtool check metrics` said of a page.
    struct Verdict {
        var status: Int32
        var problems: [String]
    }

    /// `promtool` at `/usr/bin/promtool` or on `PATH`.
    static var promtool: URL? {
        let directories =
            ["/usr/bin"] + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return directories.lazy
            .map { URL(fileURLWithPath: $0).appendingPathComponent("promtool") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static func check(_ page: String, with promtool: URL) throws -> Verdict {
        let process = Process()
        process.executableURL = promtool
        process.arguments = ["check", "metrics"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(page.utf8))
        try input.fileHandleForWriting.close()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let problems = said.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        return Verdict(status: process.terminationStatus, problems: problems)
    }

    /// The page after streamed, whole and abandoned requests, so every family has samples.
    static func pageAfterSomeRequests() async throws -> String {
        let options = SimulatorOptions.testing {
            $0.latency = .deterministic(timeToFirstTokenMilliseconds: 1, interTokenMilliseconds: 1)
            $0.servedModels = ["org/model \"quoted\" \\ name"]
        }
        return try await withSimulatedServer(options: options) { server in
            _ = try await TestHTTPClient.post(port: server.port, "/v1/completions", json: RequestBodies.completion())
            _ = try await TestHTTPClient.post(port: server.port, "/v1/chat/completions", json: RequestBodies.chat())
            _ = try await TestHTTPClient.post(
                port: server.port,
                "/v1/completions",
                json: RequestBodies.completion(stream: false)
            )
            _ = try await TestHTTPClient.send(port: server.port, .completion(maxTokens: 1_000, closeAfterBodyParts: 2))
            try await server.waitForStats { $0.clientDisconnects == 1 }
            return try await TestHTTPClient.get(port: server.port, "/metrics").body
        }
    }

    /// promtool finds nothing wrong but the `:` in vLLM's names, which its linter flags on every
    /// family (vLLM's own page gets the same lines); with `:` turned into `_` it finds nothing.
    @Test(.enabled(if: promtool != nil, "promtool is not installed (Debian: apt-get install prometheus)"))
    func promtoolFindsNoProblemButVLLMsColons() async throws {
        let promtool = try #require(Self.promtool)
        let page = try await Self.pageAfterSomeRequests()
        let verdict = try Self.check(page, with: promtool)
        let others = verdict.problems.filter { !$0.hasSuffix("metric names should not contain ':'") }
        #expect(others.isEmpty, "promtool: \(others)")
        #expect(verdict.status == 0 || verdict.status == 3, "promtool exited with \(verdict.status)")

        let underscored = page.replacingOccurrences(of: "vllm:", with: "vllm_")
        let strict = try Self.check(underscored, with: promtool)
        #expect(strict.problems.isEmpty, "promtool: \(strict.problems)")
        #expect(strict.status == 0)
    }
}
