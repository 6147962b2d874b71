import Foundation
import Testing

/// `llm-bench report`, as a user runs the built binary on the files of earlier runs.
struct ReportCommandTests {
    /// Runs a small benchmark of the embedded simulator into `folder` of `directory` (without its
    /// own report), returning the folder's files.
    static func run(into folder: String, in directory: String, ttft: Int = 2) async throws -> [String] {
        let config = """
            runs: 1
            num_concurrent_requests: 2
            simulator: {deterministic: true, ttft_ms: \(ttft), itl_ms: 1}
            cases: [{input_tokens: 4, output_tokens: 3}]
            """
        if !FileManager.default.fileExists(atPath: directory + "/input.txt") {
            _ = try writeBenchConfig("", in: directory)
        }
        try config.write(toFile: directory + "/bench-\(ttft).yaml", atomically: true, encoding: .utf8)
        let result = try await runBinary(
            ["run", "bench-\(ttft).yaml", "--output-dir", folder, "--quiet", "--no-report"],
            in: directory
        )
        try #require(result.status == 0, "\(result.standardError)")
        return try FileManager.default.contentsOfDirectory(atPath: directory + "/" + folder)
    }

    @Test func oneRunsReportGoesBesideItsFiles() async throws {
        try await withTemporaryDirectory { directory in
            let files = try await Self.run(into: "out", in: directory)
            let results = try #require(files.first { $0.hasSuffix(".csv") })
            let result = try await runBinary(["report", "out/" + results], in: directory)
            #expect(result.status == 0, "\(result.standardError)")
            let expected = "out/" + results.dropLast(".csv".count) + "_report.html"
            #expect(result.standardOutput == "Report:   \(expected) (1 run)\n")
            let page = try String(contentsOfFile: directory + "/" + expected, encoding: .utf8)
            #expect(page.contains(#"<figure class="chart""#))
        }
    }

    @Test func aRunsOwnReportIsTheOneReportMakesFromItsFiles() async throws {
        try await withTemporaryDirectory { directory in
            _ = try writeBenchConfig(
                """
                runs: 1
                num_concurrent_requests: 2
                simulator: {deterministic: true, ttft_ms: 2, itl_ms: 1}
                cases: [{input_tokens: 4, output_tokens: 3}]
                """,
                in: directory
            )
            let run = try await runBinary(["run", "bench.yaml", "--output-dir", "out", "--quiet"], in: directory)
            try #require(run.status == 0, "\(run.standardError)")
            let files = try FileManager.default.contentsOfDirectory(atPath: directory + "/out")
            let own = try #require(files.first { $0.hasSuffix("_report.html") })
            let rebuilt = try await runBinary(["report", "out", "-o", "again.html"], in: directory)
            #expect(rebuilt.status == 0, "\(rebuilt.standardError)")
            let first = try Data(contentsOf: URL(fileURLWithPath: directory + "/out/" + own))
            let second = try Data(contentsOf: URL(fileURLWithPath: directory + "/again.html"))
            #expect(first == second)
        }
    }

    @Test func severalRunsNeedAnOutputFileAndAreOverlaidInIt() async throws {
        try await withTemporaryDirectory { directory in
            _ = try await Self.run(into: "out", in: directory)
            _ = try await Self.run(into: "out", in: directory, ttft: 6)
            let refused = try await runBinary(["report", "out"], in: directory)
            #expect(refused.status == 2)
            #expect(refused.standardError.contains("2 runs were found in out; name the file"))
            let result = try await runBinary(["report", "out", "-o", "both.html", "--title", "A <b> B"], in: directory)
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardOutput == "Report:   both.html (2 runs)\n")
            let page = try String(contentsOfFile: directory + "/both.html", encoding: .utf8)
            #expect(page.contains("A &lt;b&gt; B"))
            #expect(!page.contains("A <b> B"))
        }
    }

    @Test func unreadableFilesExitWithTwoAndAnUnwritableReportWithThree() async throws {
        try await withTemporaryDirectory { directory in
            let missing = try await runBinary(["report", "nowhere"], in: directory)
            #expect(missing.status == 2)
            #expect(missing.standardError.contains("nowhere"))
            _ = try await Self.run(into: "out", in: directory)
            let unwritable = try await runBinary(["report", "out", "-o", "no/such/folder/r.html"], in: directory)
            #expect(unwritable.status == 3, "\(unwritable.standardError)")
            #expect(unwritable.standardError.contains("no/such/folder/r.html"))
        }
    }
}
