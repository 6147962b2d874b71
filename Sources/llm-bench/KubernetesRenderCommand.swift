import ArgumentParser
import Foundation
import LLMBench

/// `llm-bench k8s render CONFIG --workers N`: writes the manifests of one sharded run.
struct KubernetesRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Write the Kubernetes manifests of a run of CONFIG sharded over N pods, and print how to run them.",
        discussion: """
            The config is checked first, as the shards would check it: a bad config, a load that does not divide \
            among the workers, an API key or header value written into the config, or (without \
            --allow-embedded-simulator) a config with no base_url writes nothing. Secrets come from the Secret \
            NAME-secrets, which render never writes: it prints the kubectl command that creates it. \
            Needs Kubernetes 1.29 or newer (the shards' Job uses backoffLimitPerIndex).

            Exit codes: 0 written; 2 bad usage or a config that cannot be rendered; 3 the files cannot be written.
            """
    )

    @Argument(help: "The YAML config file, e.g. configs/kubernetes.yaml.")
    var configPath: String

    @Option(parsing: .unconditional, help: "The number of shard pods (completions and parallelism of the Job).")
    var workers: Int

    @Option(help: "The image with llm-bench as its entrypoint (build it from the Dockerfile).")
    var image = "llm-bench:\(LLMBenchVersion.current)"

    @Option(
        help: "The run's name, prefix of every object: a DNS-1123 label (default: the config's output_prefix_name)."
    )
    var name: String?

    @Option(help: "The namespace of every object (default: kubectl's current one).")
    var namespace: String?

    @Option(name: .shortAndLong, help: "The folder to write into (default: deploy/kubernetes/NAME).")
    var output: String?

    @Option(name: .customLong("storage-size"), help: "The size of the shared results volume.")
    var storageSize = "1Gi"

    @Option(
        name: .customLong("storage-class"),
        help: "A storage class offering ReadWriteMany (default: the cluster's)."
    )
    var storageClass: String?

    @Option(help: "CPU requested by each pod.")
    var cpu = "1"

    @Option(help: "Memory requested by each pod, also its limit.")
    var memory = "512Mi"

    @Flag(
        name: .customLong("allow-embedded-simulator"),
        help: "Render a config without base_url: each pod then benchmarks a simulator of its own (a smoke test)."
    )
    var allowsEmbeddedSimulator = false

    @Option(
        name: .customLong("sync-timeout"),
        help: "How long each shard waits at a case for the others before it starts without them, seconds (default 600)."
    )
    var syncTimeout: Double?

    func run() throws {
        var options = KubernetesRenderOptions(name: name, workers: workers)
        options.image = image
        options.namespace = namespace
        options.storageSize = storageSize
        options.storageClass = storageClass
        options.cpuRequest = cpu
        options.memoryRequest = memory
        options.allowsEmbeddedSimulator = allowsEmbeddedSimulator
        options.syncTimeoutSeconds = syncTimeout
        let manifests: KubernetesManifests
        do {
            manifests = try KubernetesManifests.render(configPath: configPath, options: options)
        } catch {
            RunCommand.printError(error.description)
            throw ExitStatus.badConfig
        }
        let directory = output ?? "deploy/kubernetes/\(manifests.name)"
        do {
            try manifests.write(to: directory)
        } catch {
            RunCommand.printError(error.description)
            throw ExitCode(BenchmarkExitStatus.couldNotRun.rawValue)
        }
        for warning in manifests.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        print(manifests.instructions(directory: directory))
    }
}
