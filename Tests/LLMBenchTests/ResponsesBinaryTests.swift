import Foundation
import Testing

/// The built binary on the Responses API, as a user runs it.
struct ResponsesBinaryTests {
    @Test func theAPIOptionRunsTheResponsesAPIAgainstTheEmbeddedSimulator() async throws {
        try await withTemporaryDirectory { directory in
            _ = try writeBenchConfig(
                """
                output_dir: out
                save_format: jsonl
                runs: 1
                num_concurrent_requests: 2
                simulator: {deterministic: true, ttft_ms: 2, itl_ms: 1}
                cases: [{input_tokens: 12, output_tokens: 5}]
                """,
                in: directory
            )
            let result = try await runBinary(["run", "bench.yaml", "--api", "responses", "--quiet"], in: directory)
            #expect(result.status == 0, "\(result.standardError)")
            let files = try FileManager.default.contentsOfDirectory(atPath: directory + "/out")
            let requests = try #require(files.first { $0.hasSuffix("_requests.jsonl") })
            let records = try jsonObjects(ofFile: directory + "/out/" + requests).filter {
                $0["warmup"] as? Bool == false
            }
            #expect(records.count == 2)
            #expect(records.allSatisfy { $0["status"] as? String == "ok" && $0["done_marker"] as? Bool == true })
            #expect(
                records.allSatisfy {
                    $0["input_tokens_server"] as? Int == 12 && $0["output_tokens_server"] as? Int == 5
                }
            )
            let summary = try #require(files.first { $0.hasSuffix("_summary.json") })
            let text = try String(contentsOfFile: directory + "/out/" + summary, encoding: .utf8)
            #expect(text.contains(#""api":"responses""#) || text.contains(#""api" : "responses""#))
        }
    }
}
