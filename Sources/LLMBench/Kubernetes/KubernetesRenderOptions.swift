/// What `llm-bench k8s render` is asked to write: the run's name, its workers and where the pods run.
public struct KubernetesRenderOptions: Sendable, Equatable {
    /// The run's name: the prefix of every object (`NAME-shards`, `NAME-merge`, `NAME-results`, …)
    /// and the results folder on the shared volume. A DNS-1123 label of at most 40 characters; nil
    /// for the config's `output_prefix_name`.
    public var name: String?
    /// The shard pods of the Indexed Job (its `completions` and `parallelism`).
    public var workers: Int
    /// The container image holding `llm-bench` as its entrypoint.
    public var image = "llm-bench:\(LLMBenchVersion.current)"
    /// The namespace written into every object; nil leaves it to `kubectl`'s context.
    public var namespace: String?
    /// The size of the shared results volume.
    public var storageSize = "1Gi"
    /// The results volume's storage class (one that offers ReadWriteMany); nil for the cluster's default.
    public var storageClass: String?
    /// CPU requested by each pod.
    public var cpuRequest = "1"
    /// Memory requested by each pod (also its limit).
    public var memoryRequest = "512Mi"
    /// Render a config without `base_url` (each pod then benchmarks its own embedded simulator).
    public var allowsEmbeddedSimulator = false
    /// How long each shard waits at a case for the others (`--sync-timeout`); nil for its default.
    public var syncTimeoutSeconds: Double?

    /// Options for `workers` shards of the run `name`, every other setting at its default.
    public init(name: String?, workers: Int) {
        self.name = name
        self.workers = workers
    }

    /// Checks every option; the first problem found.
    func validate() throws(KubernetesRenderError) {
        if let name { try Self.checkRunName(name, option: "--name") }
        if let namespace, let problem = KubernetesName.labelProblem(namespace) {
            throw .invalidName(option: "--namespace", value: namespace, problem: problem)
        }
        if let storageClass, let problem = KubernetesName.subdomainProblem(storageClass) {
            throw .invalidName(option: "--storage-class", value: storageClass, problem: problem)
        }
        guard workers >= 1 else { throw .invalidWorkerCount(workers) }
        if let syncTimeoutSeconds, !CommonStart.isValidTimeout(syncTimeoutSeconds) {
            throw .invalidSyncTimeout(syncTimeoutSeconds)
        }
        guard !image.isEmpty, !image.contains(where: \.isWhitespace) else { throw .invalidImage(image) }
        for (option, value) in [("--storage-size", storageSize), ("--cpu", cpuRequest), ("--memory", memoryRequest)]
        where !KubernetesName.isQuantity(value) {
            throw .invalidQuantity(option: option, value: value)
        }
    }

    /// Refuses a run name that cannot prefix the names of the run's objects.
    static func checkRunName(_ name: String, option: String) throws(KubernetesRenderError) {
        if let problem = KubernetesName.labelProblem(name, limit: KubernetesName.maximumRunNameLength) {
            throw .invalidName(option: option, value: name, problem: problem)
        }
    }
}
