import Foundation
import Testing

/// `llm-bench k8s render` as a user runs it: files written and the commands printed, or nothing
/// written and exit 2.
struct KubernetesRenderBinaryTests {
    @Test func renderWritesTheManifestsAndPrintsTheCommands() async throws {
        try await withTemporaryDirectory { directory in
            let output = directory + "/out"
            let result = try await runBinary(
                ["k8s", "render", "configs/kubernetes.yaml", "--workers", "2", "--output", output],
                in: packageRoot,
                environment: ["OPENAI_API_KEY": "sk-binary-test-never-written"]
            )
            #expect(result.status == 0, "\(result.standardError)")
            for file in ["configmap.yaml", "results-pvc.yaml", "shards-job.yaml", "merge/merge-job.yaml"] {
                let text = try String(contentsOfFile: output + "/" + file, encoding: .utf8)
                #expect(!text.contains("sk-binary-test-never-written"))
            }
            #expect(result.standardOutput.contains("kubectl create secret generic k8s-example-secrets"))
            #expect(result.standardOutput.contains("kubectl apply -f \(output)/merge"))
            #expect(!result.standardOutput.contains("sk-binary-test-never-written"))
        }
    }

    @Test func refusedConfigWritesNothingAndExitsWithTwo() async throws {
        try await withTemporaryDirectory { directory in
            let config = directory + "/bench.yaml"
            try """
            base_url: http://vllm:8000/v1
            api_key: sk-literal-in-the-file
            model: m
            seed: 1
            runs: 1
            num_concurrent_requests: 4
            cases: [{input_tokens: 8, output_tokens: 8}]

            """.write(toFile: config, atomically: true, encoding: .utf8)
            let result = try await runBinary(
                ["k8s", "render", config, "--workers", "2", "--name", "run1", "--output", directory + "/out"],
                in: packageRoot
            )
            #expect(result.status == 2)
            #expect(result.standardError.contains("api_key: \"${OPENAI_API_KEY}\""))
            #expect(!result.standardError.contains("sk-literal-in-the-file"))
            #expect(!FileManager.default.fileExists(atPath: directory + "/out"))
        }
    }
}
