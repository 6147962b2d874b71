import Foundation
import Testing

@testable import LLMBench

/// The manifests committed under deploy/kubernetes/ are what `k8s render` writes now.
struct KubernetesExampleTests {
    /// The folder of the committed example and how it was rendered (deploy/kubernetes/README.md).
    static let exampleFolder = packageRoot + "/deploy/kubernetes/k8s-example"

    @Test func committedExampleEqualsWhatRenderWritesNow() throws {
        let manifests = try KubernetesManifests.render(
            configPath: "configs/kubernetes.yaml",
            options: KubernetesRenderOptions(name: nil, workers: 4),
            workingDirectory: packageRoot
        )
        #expect(manifests.name == "k8s-example")
        for file in manifests.files {
            let committed = try String(contentsOfFile: Self.exampleFolder + "/" + file.path, encoding: .utf8)
            #expect(
                committed == file.text,
                "deploy/kubernetes/k8s-example/\(file.path) differs from what render writes: run llm-bench k8s render configs/kubernetes.yaml --workers 4"
            )
        }
        let committedFiles = try FileManager.default.subpathsOfDirectory(atPath: Self.exampleFolder)
            .filter { $0.hasSuffix(".yaml") }
        #expect(Set(committedFiles) == Set(manifests.files.map(\.path)))
    }
}
