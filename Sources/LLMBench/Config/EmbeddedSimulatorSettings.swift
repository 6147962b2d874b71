/// The `simulator:` section: how the embedded simulated server behaves when no `base_url` is set.
///
/// Plain values with the simulator's defaults (a test holds them equal); the command line maps
/// them once to the simulator's own options, so the engine does not depend on the simulator.
public struct EmbeddedSimulatorSettings: Sendable, Equatable {
    /// `ttft_ms`: fixed part of the time to first token.
    public var timeToFirstTokenMilliseconds: Double = 25
    /// `prefill_tokens_per_second`: prompt processing speed.
    public var prefillTokensPerSecond: Double = 8000
    /// `itl_ms`: decode step with one sequence active.
    public var interTokenMilliseconds: Double = 12
    /// `itl_per_sequence_ms`: added to each decode step per other active sequence.
    public var interTokenMillisecondsPerSequence: Double = 0.08
    /// `max_sequences`: sequences generated at once; more wait in a queue.
    public var maxSequences: Int = 256
    /// `jitter`: relative random jitter of every delay, 0 to 1.
    public var jitter: Double = 0.05
    /// `seed`: seed of the jitter and the generated text.
    public var seed: UInt64 = 42
    /// `deterministic`: fixed TTFT and time between tokens; no jitter, load dependence or prefill cost.
    public var isDeterministic = false
    /// `tokens_per_event`: tokens packed into one stream event.
    public var tokensPerEvent = 1
    /// `tokenize_endpoints`: whether `/tokenize` and `/detokenize` are served.
    public var tokenizeEndpoints = true
    /// `threads`: event-loop threads of the simulator.
    public var threads = 1
    /// `server_timings`: whether answers carry llama.cpp's `timings` object.
    public var serverTimings = false
    /// `kv_cache_tokens`: the KV capacity `vllm:kv_cache_usage_perc` on `/metrics` is a fraction of.
    public var kvCacheTokens = 262_144
    /// `prefix_cache`: whether the simulator keeps a prefix cache (prefill only for uncached tokens).
    public var prefixCache = true
    /// `prefix_cache_block_tokens`: tokens per prefix-cache block.
    public var prefixCacheBlockTokens = 16
    /// `prefix_cache_tokens`: the prefix cache's capacity in tokens (least recently used blocks go first).
    public var prefixCacheTokens = 1_048_576

    /// The defaults of every key.
    public init() {}
}
