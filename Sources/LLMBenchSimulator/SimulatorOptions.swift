/// Everything that shapes a ``SimulatedServer``: where it listens, how fast it generates, how it
/// misbehaves, and which OpenAI-compatible quirks it mimics.
///
/// Every property has a default, so `SimulatorOptions()` is a fast, well-behaved server on an
/// ephemeral port of `127.0.0.1`.
public struct SimulatorOptions: Sendable {
    /// The address to bind; `127.0.0.1` by default.
    public var host: String
    /// The TCP port to bind; `0` picks an ephemeral port (read it back from ``SimulatedServer/port``).
    public var port: Int
    /// Number of event-loop threads serving connections.
    public var eventLoopThreads: Int
    /// Timing of generation: time to first token, decode step, load dependence and concurrency limit.
    public var latency: LatencyModel
    /// Tokens packed into one SSE event, as some servers do (vLLM's `stream_interval`); at least 1.
    ///
    /// An event is written when its last token is generated: with `k` tokens per event the first
    /// event comes after the time to first token plus `k - 1` decode steps, each later one `k` steps
    /// after the previous; the last event carries the remainder.
    public var tokensPerEvent: Int
    /// Whether `POST /tokenize` and `POST /detokenize` are served (404 when `false`).
    public var tokenizeEndpoints: Bool
    /// Whether `ignore_eos` and `min_tokens` are accepted; `false` answers such requests with HTTP 400,
    /// as OpenAI's own API does.
    public var acceptsExtraFields: Bool
    /// Probability of an end-of-sequence after each generated token once `min_tokens` are out, unless
    /// the request sets `ignore_eos: true`; `0` always generates exactly `max_tokens`.
    public var eosProbability: Double
    /// Faults injected into requests, decided per request with a seeded generator.
    public var faults: FaultInjection
    /// How many ``RequestTruth`` records are kept; the oldest are dropped first.
    public var truthCapacity: Int
    /// The models listed by `GET /v1/models`; the first one is used when a request names none.
    public var servedModels: [String]
    /// Whether a request naming a model outside ``servedModels`` is answered with 404 `model_not_found`.
    public var strictModel: Bool
    /// When set, `/v1/*`, `/tokenize` and `/detokenize` require `Authorization: Bearer <apiKey>` (else 401).
    public var apiKey: String?
    /// Whether error bodies quote the request's `Authorization` and `X-*` headers back, as some
    /// servers and proxies do ("Incorrect API key provided: sk-…"); for testing redaction.
    public var echoesRequestHeaders = false
    /// When set, the server speaks HTTPS with this certificate chain and key (PEM files).
    public var tls: TLSFiles?
    /// Whether answers carry llama.cpp's `timings` object (the last chunk of a stream, the body of
    /// a non-streamed answer): see ``RequestTruth``'s phases for what each time means.
    public var serverTimings = false
    /// The KV cache's capacity in tokens: `vllm:kv_cache_usage_perc` on `GET /metrics` is the
    /// prompt and generated tokens of the running sequences over it (capped at 1, as the simulator
    /// never preempts). 262,144 by default: 256 sequences of 1,024 tokens.
    public var kvCacheCapacityTokens = 262_144
    /// The prefix cache of the latency model: prefill only for prompt tokens not already cached,
    /// reported as `cached_tokens` and on `/metrics`. On, in blocks of 16 tokens, 1,048,576 tokens.
    public var prefixCache = PrefixCacheOptions()

    /// The context length `GET /v1/models` reports; the token-count histograms' buckets end there.
    static let maxModelLength = 32_768

    /// The PEM files of an HTTPS simulator.
    public struct TLSFiles: Sendable, Equatable {
        /// The certificate chain, leaf first.
        public var certificateChainPath: String
        /// The private key.
        public var privateKeyPath: String

        /// Names the files.
        public init(certificateChainPath: String, privateKeyPath: String) {
            self.certificateChainPath = certificateChainPath
            self.privateKeyPath = privateKeyPath
        }
    }

    /// Creates options; every argument has the documented default.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        eventLoopThreads: Int = 1,
        latency: LatencyModel = .init(),
        tokensPerEvent: Int = 1,
        tokenizeEndpoints: Bool = true,
        acceptsExtraFields: Bool = true,
        eosProbability: Double = 0,
        faults: FaultInjection = .init(),
        truthCapacity: Int = 100_000,
        servedModels: [String] = ["llm-bench-sim"],
        strictModel: Bool = false,
        apiKey: String? = nil
    ) {
        self.host = host
        self.port = port
        self.eventLoopThreads = eventLoopThreads
        self.latency = latency
        self.tokensPerEvent = tokensPerEvent
        self.tokenizeEndpoints = tokenizeEndpoints
        self.acceptsExtraFields = acceptsExtraFields
        self.eosProbability = eosProbability
        self.faults = faults
        self.truthCapacity = truthCapacity
        self.servedModels = servedModels
        self.strictModel = strictModel
        self.apiKey = apiKey
    }
}

extension SimulatorOptions {
    /// Checks the options for values the server cannot work with.
    ///
    /// - Throws: ``SimulatorError/invalidOption(name:value:reason:)`` naming the first bad option.
    public func validate() throws(SimulatorError) {
        if !(0...65_535).contains(port) {
            throw .invalidOption(name: "port", value: "\(port)", reason: "it must be between 0 and 65535")
        }
        if eventLoopThreads < 1 {
            throw .invalidOption(
                name: "eventLoopThreads",
                value: "\(eventLoopThreads)",
                reason: "it must be at least 1"
            )
        }
        if tokensPerEvent < 1 {
            throw .invalidOption(name: "tokensPerEvent", value: "\(tokensPerEvent)", reason: "it must be at least 1")
        }
        if !(0...1).contains(eosProbability) {
            throw .invalidOption(
                name: "eosProbability",
                value: "\(eosProbability)",
                reason: "it must be between 0 and 1"
            )
        }
        if truthCapacity < 0 {
            throw .invalidOption(name: "truthCapacity", value: "\(truthCapacity)", reason: "it must not be negative")
        }
        if kvCacheCapacityTokens < 1 {
            throw .invalidOption(
                name: "kvCacheCapacityTokens",
                value: "\(kvCacheCapacityTokens)",
                reason: "it must be at least 1"
            )
        }
        if servedModels.isEmpty {
            throw .invalidOption(name: "servedModels", value: "[]", reason: "list at least one model name")
        }
        try latency.validate()
        try faults.validate()
        try prefixCache.validate()
    }
}
