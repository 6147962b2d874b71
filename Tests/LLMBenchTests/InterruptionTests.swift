import Foundation
import Testing

/// Ctrl-C on the real binary: what was measured is written and every file stays valid.
struct InterruptionTests {
    /// Starts the binary on a long benchmark and returns it with its output folder.
    static func startLongBenchmark(in directory: String) throws -> (Process, Pipe, Pipe) {
        _ = try BinaryEndToEndTests.writeConfig(
            """
            output_dir: out
            runs: 1000
            num_concurrent_requests: 4
            simulator: {deterministic: true, ttft_ms: 5, itl_ms: 5}
            cases: [{input_tokens: 8, output_tokens: 20}]
            """,
            in: directory
        )
        let process = Process()
        process.executableURL = binaryURL
        process.arguments = ["bench.yaml", "--grace-seconds", "2"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        return (process, output, error)
    }

    /// Waits, bounded, until the requests file holds at least `count` lines.
    static func waitForRecords(_ count: Int, in directory: String) throws -> String {
        for _ in 0..<600 {
            if let file = try? FileManager.default.contentsOfDirectory(atPath: directory + "/out").first(where: {
                $0.hasSuffix("_requests.jsonl")
            }),
                let lines = try? lines(ofFile: directory + "/out/" + file), lines.count >= count
            {
                return directory + "/out/" + file
            }
            usleep(50_000)
        }
        throw CocoaError(.fileReadNoSuchFile)
    }

    @Test func sigintStopsTheRunWritesWhatWasMeasuredAndExitsWith130() async throws {
        try await withTemporaryDirectory { directory in
            let (process, output, error) = try Self.startLongBenchmark(in: directory)
            let requests = try Self.waitForRecords(8, in: directory)
            kill(process.processIdentifier, SIGINT)
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            _ = error.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 130)
            #expect(printed.contains("Results:"))
            let records = try jsonObjects(ofFile: requests)
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
            let (process, output, error) = try Self.startLongBenchmark(in: directory)
            let requests = try Self.waitForRecords(4, in: directory)
            kill(process.processIdentifier, SIGINT)
            kill(process.processIdentifier, SIGINT)
            _ = output.fileHandleForReading.readDataToEndOfFile()
            _ = error.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 130)
            let records = try jsonObjects(ofFile: requests)
            #expect(records.count >= 4)
        }
    }
}
