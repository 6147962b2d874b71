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
    public var continuousUsageStats = false
    /// Settings of the embedded simulator, used when `endpoint` is `.embedded`.
    public var simulator: EmbeddedSimulatorSettings
    /// The path the config was read from, for messages and the summary.
    public var sourcePath: String

    /// Creates a configuration with the defaults of every optional key.
    public init(
        endpoint: Endpoint = .embedded,
        apiKey: APIKey? = nil,
        model: String = "llm-bench-sim",
        outputPrefixName: String = "llm-bench",
        outputDirectory: String = "results",
        saveFormat: SaveFormat = .csv,
        streamWriting: Bool = true,
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

/// One benchmark case: the prompt and output lengths asked for, fixed (the original request's form) or drawn
/// from a distribution, a list of pairs or a dataset.
public struct BenchmarkCase: Sendable, Equatable {
    /// Prompt length in tokens; for a variable workload, the mean asked (rounded).
    public var inputTokens: Int
    /// Output length in tokens (`max_tokens`); for a variable workload, the mean asked (rounded).
    public var outputTokens: Int
    /// Where each request's lengths (and, for a dataset, prompts) come from.
    public var workload: Workload
    /// Requests share a common prompt prefix (to measure prefix caching).
    public var sharedPrefix: SharedPrefix?

    /// A fixed case: every request asks for these lengths.
    public init(inputTokens: Int, outputTokens: Int) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        workload = .lengths(input: .fixed(inputTokens), output: .fixed(outputTokens))
    }

    /// A case of another workload; its nominal lengths are the workload's means.
    public init(workload: Workload, sharedPrefix: SharedPrefix? = nil) {
        self.workload = workload
        self.sharedPrefix = sharedPrefix
        inputTokens = Int(workload.meanInputTokens.rounded())
        outputTokens = Int(workload.meanOutputTokens.rounded())
    }
}

/// The format of the per-case results file.
public enum SaveFormat: String, Sendable, CaseIterable, Codable {
    case csv
    case jsonl
}

/// An API key that never shows itself in descriptions, logs or reports.
public struct APIKey: Sendable, Equatable, CustomStringConvertible {
    /// The secret itself; only the HTTP layer reads it.
    public let value: String

    /// Wraps a key.
    public init(_ value: String) { self.value = value }

    /// Always `<redacted>`.
    public var description: String { "<redacted>" }
}

/// Where prompt texts come from (`prompt_source`).
public enum PromptSourceSetting: String, Sendable, CaseIterable {
    /// The server writes a text about random corpus words (the original request's method); the corpus is the
    /// fallback when it cannot.
    case generate
    /// The corpus itself, cut to length.
    case corpus
}

/// How many distinct prompts a case uses (`prompt_reuse`).
public enum PromptReuse: String, Sendable, CaseIterable {
    /// One per concurrent request slot, so a prefix cache cannot flatter TTFT.
    case unique
    /// One for the whole case.
    case shared
}
