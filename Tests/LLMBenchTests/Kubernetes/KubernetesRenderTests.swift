import Foundation
import Testing
import Yams

@testable import LLMBench

/// `llm-bench k8s render`: the objects of a sharded run, read back as Kubernetes would read them.
struct KubernetesRenderTests {
    /// A config for a server in the cluster, with a seed so that its load can be sharded.
    static let remoteConfig = """
        base_url: "http://vllm.bench.svc:8000/v1"
        api_key: "${OPENAI_API_KEY}"
        model: m
        seed: 7
        runs: 2
        num_concurrent_requests: 16
        cases:
          - {input_tokens: 32, output_tokens: 8}

        """

    /// Renders `yaml` as `bench.yaml` of a temporary folder holding the repository's `input.txt`.
    static func render(
        _ yaml: String = remoteConfig,
        workers: Int = 4,
        name: String? = "run1",
        configure: (inout KubernetesRenderOptions) -> Void = { _ in }
    ) throws(KubernetesRenderError) -> KubernetesManifests {
        var options = KubernetesRenderOptions(name: name, workers: workers)
        configure(&options)
        return try KubernetesManifests.render(
            configText: yaml,
            configPath: "bench.yaml",
            options: options,
            workingDirectory: packageRoot
        )
    }

    /// The error rendering throws, or nil.
    static func error(
        _ yaml: String = remoteConfig,
        workers: Int = 4,
        name: String? = "run1",
        configure: (inout KubernetesRenderOptions) -> Void = { _ in }
    ) -> KubernetesRenderError? {
        do {
            _ = try render(yaml, workers: workers, name: name, configure: configure)
            return nil
        } catch {
            return error
        }
    }

    /// The file at `path`, parsed.
    static func object(_ manifests: KubernetesManifests, _ path: String) throws -> [String: Any] {
        let file = try #require(manifests.files.first { $0.path == path })
        return try #require(try Yams.load(yaml: file.text) as? [String: Any])
    }

    static func shardsContainer(_ manifests: KubernetesManifests) throws -> [String: Any] {
        let job = try object(manifests, "shards-job.yaml")
        let spec = try #require(job["spec"] as? [String: Any])
        let template = try #require(spec["template"] as? [String: Any])
        let pod = try #require(template["spec"] as? [String: Any])
        return try #require((pod["containers"] as? [[String: Any]])?.first)
    }

    static func environment(_ manifests: KubernetesManifests) throws -> [[String: Any]] {
        try #require(try shardsContainer(manifests)["env"] as? [[String: Any]])
    }

    @Test(arguments: [1, 4, 16])
    func shardsJobIsIndexedWithCompletionsAndParallelismOfTheWorkers(workers: Int) throws {
        let manifests = try Self.render(workers: workers)
        let job = try Self.object(manifests, "shards-job.yaml")
        #expect(job["kind"] as? String == "Job")
        let spec = try #require(job["spec"] as? [String: Any])
        #expect(spec["completionMode"] as? String == "Indexed")
        #expect(spec["completions"] as? Int == workers)
        #expect(spec["parallelism"] as? Int == workers)
        #expect(spec["backoffLimitPerIndex"] as? Int == 0)
        let count = try Self.environment(manifests).first { $0["name"] as? String == "JOB_COMPLETION_COUNT" }
        #expect(count?["value"] as? String == String(workers))
        let container = try Self.shardsContainer(manifests)
        #expect(
            container["args"] as? [String] == [
                "run", "/etc/llm-bench/bench.yaml", "--output-dir", "/results/run1", "--sync", "/results/run1/.sync",
                "--live-dir", "/results/run1/.live", "--no-report",
            ]
        )
        #expect(container["imagePullPolicy"] as? String == "IfNotPresent")
    }

    @Test func configMapHoldsTheConfigTextAsGivenAndTheCorpus() throws {
        let manifests = try Self.render()
        let data = try #require(try Self.object(manifests, "configmap.yaml")["data"] as? [String: String])
        #expect(data["bench.yaml"] == Self.remoteConfig)
        let corpus = try String(contentsOfFile: packageRoot + "/input.txt", encoding: .utf8)
        #expect(data["input.txt"] == corpus)
        #expect(Set(data.keys) == ["bench.yaml", "input.txt"])
    }

    @Test func noManifestHoldsAKeyReadFromTheEnvironment() throws {
        // Render reads no variable of its own environment: OPENAI_API_KEY set there stays out.
        let key = "sk-render-\(UUID().uuidString)"
        setenv("LLM_BENCH_RENDER_TEST_KEY", key, 1)
        defer { unsetenv("LLM_BENCH_RENDER_TEST_KEY") }
        let yaml = Self.remoteConfig.replacingOccurrences(of: "OPENAI_API_KEY", with: "LLM_BENCH_RENDER_TEST_KEY")
        let manifests = try Self.render(yaml)
        for file in manifests.files { #expect(!file.text.contains(key)) }
        #expect(!manifests.instructions(directory: "out").contains(key))
    }

    @Test func literalAPIKeyIsRefusedWithTheVariableFormToWrite() throws {
        let yaml = Self.remoteConfig.replacingOccurrences(of: "\"${OPENAI_API_KEY}\"", with: "sk-live-123456")
        let error = try #require(Self.error(yaml))
        #expect(error == .literalAPIKey(file: "bench.yaml"))
        #expect(error.description.contains("api_key: \"${OPENAI_API_KEY}\""))
        #expect(!error.description.contains("sk-live-123456"))
    }

    @Test func literalHeaderValueIsRefused() throws {
        let error = try #require(Self.error(Self.remoteConfig + "headers: {X-Team-Token: abc123secret}\n"))
        #expect(error == .literalHeaderValue(file: "bench.yaml", header: "X-Team-Token"))
        #expect(!error.description.contains("abc123secret"))
    }

    @Test func variablesBecomeRequiredSecretKeyRefsOfTheRunsSecret() throws {
        let yaml =
            Self.remoteConfig.replacingOccurrences(of: "OPENAI_API_KEY", with: "VLLM_TOKEN")
            + "headers:\n  X-Org: \"${ORG_TOKEN}\"\n"
        let manifests = try Self.render(yaml)
        let secrets = try Self.environment(manifests).compactMap { variable -> [String: String]? in
            guard let source = variable["valueFrom"] as? [String: Any],
                let reference = source["secretKeyRef"] as? [String: Any]
            else { return nil }
            return [
                "variable": variable["name"] as? String ?? "",
                "secret": reference["name"] as? String ?? "",
                "key": reference["key"] as? String ?? "",
                "optional": "\(reference["optional"] as? Bool ?? true)",
            ]
        }
        #expect(
            secrets == [
                ["variable": "VLLM_TOKEN", "secret": "run1-secrets", "key": "VLLM_TOKEN", "optional": "false"],
                ["variable": "ORG_TOKEN", "secret": "run1-secrets", "key": "ORG_TOKEN", "optional": "false"],
            ]
        )
        let instructions = manifests.instructions(directory: "deploy/kubernetes/run1")
        #expect(
            instructions.contains(
                "kubectl create secret generic run1-secrets --from-literal=VLLM_TOKEN='<value of VLLM_TOKEN>' --from-literal=ORG_TOKEN='<value of ORG_TOKEN>'"
            )
        )
    }

    @Test func withoutAPIKeyTheDefaultVariableIsAnOptionalSecretKeyRef() throws {
        let yaml = Self.remoteConfig.replacingOccurrences(of: "api_key: \"${OPENAI_API_KEY}\"\n", with: "")
        let environment = try Self.environment(try Self.render(yaml))
        let key = try #require(environment.first { $0["name"] as? String == "OPENAI_API_KEY" })
        let reference = (key["valueFrom"] as? [String: Any])?["secretKeyRef"] as? [String: Any]
        #expect(reference?["optional"] as? Bool == true)
        #expect(reference?["name"] as? String == "run1-secrets")
    }

    @Test func anEmptyAPIKeyNeedsNoSecret() throws {
        let yaml = Self.remoteConfig.replacingOccurrences(of: "\"${OPENAI_API_KEY}\"", with: "\"\"")
        let manifests = try Self.render(yaml)
        #expect(try Self.environment(manifests).map { $0["name"] as? String } == ["JOB_COMPLETION_COUNT"])
        #expect(!manifests.instructions(directory: "out").contains("create secret"))
    }

    @Test(arguments: [0, -3])
    func workerCountBelowOneIsRefused(workers: Int) throws {
        let error = try #require(Self.error(workers: workers))
        #expect(error == .invalidWorkerCount(workers))
        #expect(error.description.contains("at least 1"))
    }

    @Test(arguments: ["Run1", "run_1", "-run", "run-", "", "run.1", String(repeating: "a", count: 41)])
    func nameThatIsNotADNSLabelIsRefused(name: String) throws {
        let error = try #require(Self.error(name: name))
        guard case .invalidName(let option, let value, _) = error else {
            Issue.record("expected an invalid name, got \(error)")
            return
        }
        #expect(option == "--name")
        #expect(value == name)
        #expect(error.description.contains("DNS-1123 label"))
    }

    @Test func labelsStartingWithADigitAndDottedStorageClassesAreAccepted() throws {
        let manifests = try Self.render(name: "7b-run", configure: { $0.storageClass = "nfs.csi.example.com" })
        #expect(manifests.name == "7b-run")
        let claim = try Self.object(manifests, "results-pvc.yaml")
        #expect((claim["spec"] as? [String: Any])?["storageClassName"] as? String == "nfs.csi.example.com")
        let error = Self.error(configure: { $0.storageClass = "nfs..csi" })
        #expect(error?.description.contains("DNS-1123 subdomain") == true)
    }

    @Test func withoutANameTheOutputPrefixNamesTheRun() throws {
        let manifests = try Self.render(Self.remoteConfig + "output_prefix_name: qwen-7b\n", name: nil)
        #expect(manifests.name == "qwen-7b")
        let job = try Self.object(manifests, "shards-job.yaml")
        #expect((job["metadata"] as? [String: Any])?["name"] as? String == "qwen-7b-shards")
        let error = try #require(Self.error(Self.remoteConfig + "output_prefix_name: Qwen_7B\n", name: nil))
        #expect(error.description.contains("output_prefix_name"))
    }

    @Test func everyObjectCarriesTheRunsLabels() throws {
        let manifests = try Self.render(configure: { $0.namespace = "bench" })
        for file in manifests.files {
            let metadata = try #require(try Self.object(manifests, file.path)["metadata"] as? [String: Any])
            let labels = try #require(metadata["labels"] as? [String: String])
            #expect(labels["app.kubernetes.io/name"] == "llm-bench")
            #expect(labels["app.kubernetes.io/instance"] == "run1")
            #expect(metadata["namespace"] as? String == "bench")
        }
    }

    @Test func embeddedSimulatorIsRefusedUnlessAllowed() throws {
        let yaml = Self.remoteConfig.replacingOccurrences(of: "base_url: \"http://vllm.bench.svc:8000/v1\"\n", with: "")
        let error = try #require(Self.error(yaml))
        #expect(error == .embeddedSimulator(file: "bench.yaml"))
        #expect(error.description.contains("--allow-embedded-simulator"))
        let manifests = try Self.render(yaml, configure: { $0.allowsEmbeddedSimulator = true })
        #expect(manifests.warnings.count == 1)
    }

    @Test func loadTheWorkersCannotShareIsRefusedBeforeAnythingIsWritten() throws {
        let tooFew = try #require(Self.error(workers: 17))
        guard case .notShardable = tooFew else {
            Issue.record("expected notShardable, got \(tooFew)")
            return
        }
        let unseeded = try #require(Self.error(Self.remoteConfig.replacingOccurrences(of: "seed: 7\n", with: "")))
        #expect(unseeded.description.contains("seed"))
    }

    @Test func badConfigIsRefusedWithTheLoadersError() throws {
        let error = try #require(Self.error(Self.remoteConfig + "rusn: 3\n"))
        guard case .config(.unknownKey(_, let key, _)) = error else {
            Issue.record("expected the loader's unknown key, got \(error)")
            return
        }
        #expect(key == "rusn")
    }

    @Test func aSyncTimeoutIsPassedToEveryShardAndOneNoWaitCanBeIsRefused() throws {
        let manifests = try Self.render { $0.syncTimeoutSeconds = 120 }
        let arguments = try #require(try Self.shardsContainer(manifests)["args"] as? [String])
        #expect(arguments.suffix(3) == ["--sync-timeout", "120", "--no-report"])
        for wrong in [0, -5, 100_000, .infinity] {
            #expect(Self.error(configure: { $0.syncTimeoutSeconds = wrong }) == .invalidSyncTimeout(wrong))
        }
    }

    @Test func invalidQuantitiesAreRefused() throws {
        #expect(
            Self.error(configure: { $0.storageSize = "1 GB" })
                == .invalidQuantity(option: "--storage-size", value: "1 GB")
        )
        #expect(Self.error(configure: { $0.cpuRequest = "lots" }) == .invalidQuantity(option: "--cpu", value: "lots"))
        #expect(
            Self.error(configure: {
                $0.storageSize = "10Gi"; $0.cpuRequest = "500m"
            }) == nil
        )
    }

    @Test func filesTheConfigReadsAreMountedBesideItAndPathsLeavingTheFolderAreRefused() throws {
        try withTemporaryFolder { folder in
            try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
            try "{\"prompt\": \"hi\", \"output_tokens\": 4}\n".write(
                toFile: folder + "/data/prompts.jsonl",
                atomically: true,
                encoding: .utf8
            )
            try "a few words of text here\n".write(toFile: folder + "/words.txt", atomically: true, encoding: .utf8)
            let yaml = Self.remoteConfig.replacingOccurrences(
                of: "cases:\n  - {input_tokens: 32, output_tokens: 8}\n",
                with: "input_file: words.txt\ncases:\n  - {dataset: ./data/prompts.jsonl}\n"
            )
            let manifests = try KubernetesManifests.render(
                configText: yaml,
                configPath: "bench.yaml",
                options: KubernetesRenderOptions(name: "run1", workers: 1),
                workingDirectory: folder
            )
            let data = try #require(try Self.object(manifests, "configmap.yaml")["data"] as? [String: String])
            #expect(data["data_prompts.jsonl"]?.hasPrefix("{\"prompt\"") == true)
            #expect(data["words.txt"] == "a few words of text here\n")
            let job = try #require(manifests.files.first { $0.path == "shards-job.yaml" })
            #expect(job.text.contains("- key: data_prompts.jsonl\n            path: data/prompts.jsonl\n"))
            let outside = yaml.replacingOccurrences(of: "input_file: words.txt", with: "input_file: ../words.txt")
            #expect(throws: KubernetesRenderError.self) {
                try KubernetesManifests.render(
                    configText: outside,
                    configPath: "bench.yaml",
                    options: KubernetesRenderOptions(name: "run1", workers: 1),
                    workingDirectory: folder
                )
            }
        }
    }

    @Test func instructionsApplyTheShardsThenWaitThenMerge() throws {
        let text = try Self.render(configure: { $0.namespace = "bench" }).instructions(directory: "out/run1")
        let apply = try #require(text.range(of: "kubectl apply -n bench -f out/run1\n"))
        let wait = try #require(
            text.range(of: "kubectl wait -n bench --for=condition=complete --timeout=24h job/run1-shards")
        )
        let merge = try #require(text.range(of: "kubectl apply -n bench -f out/run1/merge\n"))
        #expect(apply.lowerBound < wait.lowerBound && wait.lowerBound < merge.lowerBound)
        #expect(text.contains("kubectl cp -n bench run1-results-reader:/results/run1 ./results/run1"))
    }

    /// A fresh folder for `body`, removed afterwards.
    private func withTemporaryFolder(_ body: (String) throws -> Void) throws {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("llm-bench-k8s-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }
}
