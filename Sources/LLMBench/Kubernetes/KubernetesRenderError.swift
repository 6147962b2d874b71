/// Why `llm-bench k8s render` writes nothing.
///
/// Each description says what is wrong and what to do instead.
public enum KubernetesRenderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The config itself does not load.
    case config(ConfigError)
    /// `what` (e.g. `--name`) is not a DNS-1123 label.
    case invalidName(option: String, value: String, problem: String)
    /// `--workers` below 1.
    case invalidWorkerCount(Int)
    /// A quantity option (`--storage-size`, `--cpu`, `--memory`) that Kubernetes would not read.
    case invalidQuantity(option: String, value: String)
    /// A `--sync-timeout` no wait can be.
    case invalidSyncTimeout(Double)
    /// An empty image name or one with spaces.
    case invalidImage(String)
    /// `api_key` written into the config as the key itself.
    case literalAPIKey(file: String)
    /// A header whose value is written into the config rather than read from the environment.
    case literalHeaderValue(file: String, header: String)
    /// A `${NAME}` whose name cannot be an environment variable and a Secret key at once.
    case invalidVariableName(file: String, key: String, variable: String)
    /// No `base_url`: every pod would benchmark a simulator of its own.
    case embeddedSimulator(file: String)
    /// The load does not divide among the workers (or needs a seed).
    case notShardable(ConfigError)
    /// A file the config reads (the corpus, a dataset, conversations, a trace) cannot go into the ConfigMap.
    case dataFile(path: String, problem: String)
    /// The config file's own name is not a ConfigMap key.
    case configFileName(String)
    /// The ConfigMap would pass Kubernetes' limit of 1 MiB.
    case configMapTooLarge(bytes: Int)
    /// The manifests cannot be written.
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .config(let error):
            return error.description
        case .invalidName(let option, let value, let problem):
            let kind = option == "--storage-class" ? "subdomain (labels joined by dots)" : "label"
            return "\(option) is '\(value)', but it must be a DNS-1123 \(kind): \(problem). "
                + "Use lower-case letters, digits and '-', starting and ending with a letter or digit, "
                + "e.g. 'qwen-7b-run1'."
        case .invalidWorkerCount(let count):
            return "--workers is \(count), but it must be at least 1: the number of shard pods of the Indexed Job."
        case .invalidQuantity(let option, let value):
            return "\(option) is '\(value)', but it must be a Kubernetes quantity such as 1Gi, 512Mi, 500m or 2."
        case .invalidSyncTimeout(let seconds):
            return "--sync-timeout is \(seconds), but it must be \(CommonStart.timeoutRule)."
        case .invalidImage(let image):
            return "--image is '\(image)', but it must be an image reference without spaces, "
                + "e.g. registry.example.com/llm-bench:0.1.0."
        case .literalAPIKey(let file):
            return "\(file): api_key holds the key itself, which would land in the ConfigMap. "
                + "Write api_key: \"${OPENAI_API_KEY}\" (any variable name) and put the key into the Secret "
                + "with the kubectl create secret command that render prints."
        case .literalHeaderValue(let file, let header):
            return "\(file): the value of header '\(header)' is written into the config, which would land in the "
                + "ConfigMap. Write it as \"${SOME_VARIABLE}\" (read from the environment) and put the value into "
                + "the Secret with the kubectl create secret command that render prints."
        case .invalidVariableName(let file, let key, let variable):
            return "\(file): \(key) reads the environment variable '\(variable)', which cannot be a Secret key and "
                + "a container variable at once. Use letters, digits and '_', not starting with a digit, "
                + "e.g. OPENAI_API_KEY."
        case .embeddedSimulator(let file):
            return "\(file) has no base_url, so each of the pods would benchmark its own embedded simulator: "
                + "that is N separate targets, not one server under N times the load. Set base_url to the "
                + "server's address inside the cluster (e.g. http://vllm.default.svc:8000/v1), or pass "
                + "--allow-embedded-simulator to render it anyway (a smoke test of the Job, not a benchmark)."
        case .notShardable(let error):
            return "the load cannot be divided among the workers: \(error.description)"
        case .dataFile(let path, let problem):
            return "'\(path)', a file the config reads, cannot go into the ConfigMap: \(problem)."
        case .configFileName(let name):
            return "the config file's name '\(name)' cannot be a ConfigMap key: rename it to letters, digits, "
                + "'-', '_' and '.' only (e.g. bench.yaml)."
        case .configMapTooLarge(let bytes):
            return "the config and the files it reads come to \(bytes) bytes, above the 1 MiB a ConfigMap holds: "
                + "use a smaller input_file or dataset, or build them into the image."
        case .unwritable(let path, let reason):
            return "cannot write '\(path)': \(reason)."
        }
    }
}
