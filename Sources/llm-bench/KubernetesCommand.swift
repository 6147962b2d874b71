import ArgumentParser

/// `llm-bench k8s …`: running a benchmark as sharded pods on Kubernetes.
struct KubernetesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "k8s",
        abstract: "Run a benchmark on Kubernetes: an Indexed Job of shards, then a merge.",
        subcommands: [KubernetesRenderCommand.self]
    )
}
