/// Everything one benchmark needs, read from the user's YAML file.
public struct BenchmarkConfig: Sendable {
    /// Where requests go: the embedded simulator or a server URL.
    public var endpoint: Endpoint
    /// Sent as `Authorization: Bearer …`; never printed.
    public var apiKey: APIKey?
    /// The `model` field of every request.
    public var model: String
    /// Prefix of result file names.
    public var outputPrefixName: String
    /// Folder for results, created if missing.
    public var outputDirectory: String
    /// The format of the per-case results file.
    public var saveFormat: SaveFormat
    /// Write each case's row as soon as the case ends, rather than all at the end.
    public var streamWriting: Bool
    /// Write the run's HTML report beside its results (`report`; `--no-report` turns it off).
    public var writesReport: Bool
    /// Runs per case.
    public var runs: Int
    /// Requests sent at the same time in each run.
    public var concurrency: Int
    /// The input/output token counts to benchmark.
    public var cases: [BenchmarkCase]
    /// The corpus prompts are made from.
    public var inputFile: String
    /// Seed for every random choice of the benchmark (prompt words); random when absent.
    public var seed: UInt64?
    /// The share of the load this process sends, when the benchmark runs as several shards
    /// (`--shard`, or a Kubernetes Indexed Job's environment); not a key of the config file.
    public var shard: ShardSelection?
    /// How the shards begin together (`--start-at`, `--sync`); not a key of the config file.
    public var commonStart: CommonStart?
    /// The folder this process writes its live snapshot into every second (`--live-dir`), for
    /// `llm-bench live` to merge with other shards'; not a key of the config file.
    public var liveSnapshotDirectory: String?
    /// Where prompt texts come from: written by the server (the original request's method) or cut from the corpus.
    public var promptSource: PromptSourceSetting
    /// One distinct prompt per concurrent slot, or one prompt shared by the whole case.
    public var promptReuse: PromptReuse
    /// Folder of the prepared-prompt cache; nil turns the cache off.
    public var promptCacheDirectory: String?
    /// Prepare prompts anew even when the cache has them.
    public var regeneratePrompts: Bool
    /// Ask for exactly `output_tokens` with `ignore_eos` and `min_tokens` where the server accepts them.
    public var forceOutputLength: Bool
    /// How failed requests are retried.
    public var retry: RetryPolicy
    /// Limits that keep a stalled request from hanging the benchmark.
    public var timeouts: RequestTimeouts
    /// Extra HTTP headers sent with every request (e.g. for gateways).
    public var headers: [String: String]
    /// Accept any TLS certificate (opt-in, warned about).
    public var tlsInsecure: Bool
    /// The largest stream event (or error body) accepted; larger ones fail as `malformed_event`.
    public var maxEventBytes: Int
    /// How requests are sent: waves (the original request's), steady concurrency, an arrival rate or a sweep.
    public var load: LoadSettings
    /// Latency targets for goodput and sweeps.
    public var slo: ServiceLevelObjectives
    /// The endpoint benchmarked.
    public var api: APIKind
    /// Fields added to every generation request, as JSON text per field name.
    public var extraBody: [String: String]
    /// Ask for `usage` in every stream chunk (`stream_options.continuous_usage_stats`, vLLM), so
    /// the tokens of each event are known and ITL can also be given per token.
    var continuousUsageStats = false
    /// Settings of the embedded simulator, used when `endpoint` is `.embedded`.
    public var simulator: EmbeddedSimulatorSettings
    /// The path the config was read from, for messages and the summary.
    public var sourcePath: String
    /// The run's own regression gate (`fail_on`): bounds on its values, checked at its end.
    public var failOn: [GateExpression] = []
    /// Where the run serves its live Prometheus metrics (`metrics_port`); nil serves none.
    public var liveMetrics: LiveMetricsAddress?
    /// Where the server's own `/metrics` are read during each case (`server_metrics`).
    public var serverMetrics = ServerMetricsSettings()
    /// Event loops carrying the timed connections (`client_threads`, `auto` resolved).
    public var clientThreads = ClientThreads.automatic()
    /// Which arrival times the timed connections use (`timestamps`).
    public var timestamps = TimestampSetting.auto

    /// Creates a configuration with the defaults of every optional key.
    public init(
        endpoint: Endpoint = .embedded,
        apiKey: APIKey? = nil,
        model: String = "llm-bench-sim",
        outputPrefixName: String = "llm-bench",
        outputDirectory: String = "results",
        saveFormat: SaveFormat = .csv,
        streamWriting: Bool = true,
        writesReport: Bool = true,
        runs: Int = 1,
        concurrency: Int = 1,
        cases: [BenchmarkCase] = [],
        inputFile: String = "input.txt",
        seed: UInt64? = nil,
        promptSource: PromptSourceSetting = .generate,
        promptReuse: PromptReuse = .unique,
        promptCacheDirectory: String? = "prompts",
        regeneratePrompts: Bool = false,
        forceOutputLength: Bool = true,
        retry: RetryPolicy = .init(),
        timeouts: RequestTimeouts = .init(),
        headers: [String: String] = [:],
        tlsInsecure: Bool = false,
        maxEventBytes: Int = 4 << 20,
        load: LoadSettings = .init(),
        slo: ServiceLevelObjectives = .init(),
        api: APIKind = .completions,
        extraBody: [String: String] = [:],
        simulator: EmbeddedSimulatorSettings = .init(),
        sourcePath: String = "<inline>"
    ) {
        self.endpoint = endpoint
        self.apiKey = apiKey
        self.model = model
        self.outputPrefixName = outputPrefixName
        self.outputDirectory = outputDirectory
        self.saveFormat = saveFormat
        self.streamWriting = streamWriting
        self.writesReport = writesReport
        self.runs = runs
        self.concurrency = concurrency
        self.cases = cases
        self.inputFile = inputFile
        self.seed = seed
        self.promptSource = promptSource
        self.promptReuse = promptReuse
        self.promptCacheDirectory = promptCacheDirectory
        self.regeneratePrompts = regeneratePrompts
        self.forceOutputLength = forceOutputLength
        self.retry = retry
        self.timeouts = timeouts
        self.headers = headers
        self.tlsInsecure = tlsInsecure
        self.maxEventBytes = maxEventBytes
        self.load = load
        self.slo = slo
        self.api = api
        self.extraBody = extraBody
        self.simulator = simulator
        self.sourcePath = sourcePath
    }
}
