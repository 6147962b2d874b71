import Foundation
import Testing

/// Ctrl-C on the real binary: what was measured is written and every file stays valid.
struct InterruptionTests {
    /// Starts the binary on a long benchmark (waves of 4 requests, announced on stderr).
    static func startLongBenchmark(in directory: String) throws -> RunningBinary {
        _ = try writeBenchConfig(
            """
            output_dir: out
            runs: 1000
            num_concurrent_requests: 4
            simulator: {deterministic: true, ttft_ms: 5, itl_ms: 5}
            cases: [{input_tokens: 8, output_tokens: 20}]
            """,
            in: directory
        )
        return try RunningBinary(["bench.yaml", "--grace-seconds", "2"], in: directory)
    }

    /// The requests file of the run in `directory`.
    static func requestsFile(in directory: String) throws -> String {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory + "/out")
        return directory + "/out/" + (try #require(files.first { $0.hasSuffix("_requests.jsonl") }))
    }

    @Test func sigintStopsTheRunWritesWhatWasMeasuredAndExitsWith130() async throws {
        try await withTemporaryDirectory { directory in
            let binary = try Self.startLongBenchmark(in: directory)
            // A wave is reported once its 4 requests are in the requests file.
            #expect(await binary.waitForStandardError(containing: "run 2/1000 done"))
            binary.send(SIGINT)
            let result = await binary.finish()
            #expect(result.status == 130)
            #expect(result.standardOutput.contains("Results:"))
            let records = try jsonObjects(ofFile: try Self.requestsFile(in: directory))
            #expect(records.count >= 8)
            #expect(records.allSatisfy { ["ok", "failed"].contains($0["status"] as? String) })
            let files = try FileManager.default.contentsOfDirectory(atPath: directory + "/out")
            let csv = try #require(files.first { $0.hasSuffix(".csv") })
            let rows = try lines(ofFile: directory + "/out/" + csv)
            #expect(rows.count == 2, "the header and the interrupted case's row")
            let summaryFile = try #require(files.first { $0.hasSuffix("_summary.json") })
            let summary = try #require(
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: URL(fileURLWithPath: directory + "/out/" + summaryFile))
                ) as? [String: Any]
            )
            #expect(summary["interrupted"] as? Bool == true)
            let counted = try #require((summary["cases"] as? [[String: Any]])?.first)
            #expect(
                (counted["successful_requests"] as? Int ?? 0) + (counted["failed_requests"] as? Int ?? 0)
                    == records.count { $0["warmup"] as? Bool != true },
                "every counted record is in the summary; warm-up requests are not"
            )
        }
    }

    @Test func aSecondSigintQuitsAtOnceWithValidFiles() async throws {
        try await withTemporaryDirectory { directory in
            let binary = try Self.startLongBenchmark(in: directory)
            #expect(await binary.waitForStandardError(containing: "run 1/1000 done"))
            binary.send(SIGINT)
            binary.send(SIGINT)
            let result = await binary.finish()
            #expect(result.status == 130)
            let records = try jsonObjects(ofFile: try Self.requestsFile(in: directory))
            #expect(records.count >= 4)
        }
    }

    /// A signal while prompts are prepared (the simulator takes minutes to write the first
    /// token) ends the run at once with 130, blames no server and writes no results.
    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalDuringPhaseOneExitsWith130AtOnce(signal: Int32) async throws {
        try await withTemporaryDirectory { directory in
            _ = try writeBenchConfig(
                """
                output_dir: out
                prompt_cache_dir: "off"
                force_output_length: false
                runs: 1
                num_concurrent_requests: 1
                simulator: {deterministic: true, ttft_ms: 600000, itl_ms: 1}
                cases: [{input_tokens: 8, output_tokens: 4}]
                """,
                in: directory
            )
            let binary = try RunningBinary(["bench.yaml", "--grace-seconds", "3600"], in: directory)
            #expect(await binary.waitForStandardError(containing: "Phase 1: preparing prompts"))
            binary.send(signal)
            let result = try #require(await binary.finish(within: 120), "still running: it waits the grace period")
            #expect(result.status == 130, "\(result.standardError)")
            #expect(result.standardError.contains("interrupted before any request was measured"))
            #expect(!result.standardError.contains("error:"), "\(result.standardError)")
            let written = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/out")) ?? []
            #expect(written.isEmpty, "\(written)")
        }
    }
}
