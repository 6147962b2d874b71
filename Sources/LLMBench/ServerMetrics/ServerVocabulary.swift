/// The names one serving engine gives, in its `/metrics`, to the figures llm-bench reads from every
/// engine: one vocabulary, declared once for all the engines known.
///
/// Each figure lists its names in order of preference (the current name first, then older ones);
/// the first a server exposes is read. An empty list: the engine has no such figure.
struct ServerVocabulary: Sendable {
    /// The engine a server's metrics were recognised as; `unknown` keeps only the raw series.
    enum Engine: String, Sendable, Equatable, CaseIterable {
        case vllm, sglang, tgi, llamacpp, unknown
    }

    /// The request-level histograms (seconds) the figures estimate latencies from.
    enum Histogram: String, Sendable, Equatable, CaseIterable {
        case ttft, itl, tpot, e2e, queue, prefill, decode
    }

    let engine: Engine
    /// What every metric name of the engine begins with.
    let prefix: String
    /// Counter: requests the server finished.
    let requestsFinished: [String]
    /// Counter: prompt tokens the server processed.
    let promptTokens: [String]
    /// Counter: output tokens the server generated.
    let generationTokens: [String]
    /// Counter: seconds spent processing prompts (llama.cpp).
    let promptSeconds: [String]
    /// Counter: seconds spent generating tokens (llama.cpp).
    let generationSeconds: [String]
    /// Histograms by figure: base names, without `_bucket`, `_sum`, `_count`.
    let histograms: [Histogram: [String]]
    /// Gauge: fraction of the KV cache in use, 0–1.
    let kvCacheUsage: [String]
    /// Gauge: requests being processed.
    let requestsRunning: [String]
    /// Gauge: requests waiting in the server's queue.
    let requestsWaiting: [String]
    /// Counter: preemptions.
    let preemptions: [String]
    /// Counters: prefix-cache hits and queries (tokens), whose ratio is the hit rate.
    let prefixCacheHits: [String]
    let prefixCacheQueries: [String]
    /// Gauge: a prefix-cache hit rate the server computes itself, 0–1.
    let prefixCacheHitRate: [String]

    /// The names of every engine known.
    static let known: [ServerVocabulary] = [vllm, sglang, tgi, llamacpp]

    /// vLLM (v1 names first, then those of older versions).
    static let vllm = ServerVocabulary(
        engine: .vllm,
        prefix: "vllm:",
        requestsFinished: ["vllm:request_success_total"],
        promptTokens: ["vllm:prompt_tokens_total"],
        generationTokens: ["vllm:generation_tokens_total"],
        promptSeconds: [],
        generationSeconds: [],
        histograms: [
            .ttft: ["vllm:time_to_first_token_seconds"],
            .itl: ["vllm:inter_token_latency_seconds", "vllm:time_per_output_token_seconds"],
            .tpot: ["vllm:request_time_per_output_token_seconds"],
            .e2e: ["vllm:e2e_request_latency_seconds"],
            .queue: ["vllm:request_queue_time_seconds"],
            .prefill: ["vllm:request_prefill_time_seconds"],
            .decode: ["vllm:request_decode_time_seconds"],
        ],
        kvCacheUsage: ["vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc"],
        requestsRunning: ["vllm:num_requests_running"],
        requestsWaiting: ["vllm:num_requests_waiting"],
        preemptions: ["vllm:num_preemptions_total"],
        prefixCacheHits: ["vllm:prefix_cache_hits_total", "vllm:gpu_prefix_cache_hits_total"],
        prefixCacheQueries: ["vllm:prefix_cache_queries_total", "vllm:gpu_prefix_cache_queries_total"],
        prefixCacheHitRate: ["vllm:gpu_prefix_cache_hit_rate"]
    )

    /// SGLang (`--enable-metrics`).
    static let sglang = ServerVocabulary(
        engine: .sglang,
        prefix: "sglang:",
        requestsFinished: ["sglang:num_requests_total"],
        promptTokens: ["sglang:prompt_tokens_total"],
        generationTokens: ["sglang:generation_tokens_total"],
        promptSeconds: [],
        generationSeconds: [],
        histograms: [
            .ttft: ["sglang:time_to_first_token_seconds"],
            .itl: ["sglang:inter_token_latency_seconds"],
            .tpot: ["sglang:time_per_output_token_seconds"],
            .e2e: ["sglang:e2e_request_latency_seconds"],
            .queue: ["sglang:queue_time_seconds"],
        ],
        kvCacheUsage: ["sglang:token_usage"],
        requestsRunning: ["sglang:num_running_reqs"],
        requestsWaiting: ["sglang:num_queue_reqs"],
        preemptions: [],
        prefixCacheHits: [],
        prefixCacheQueries: [],
        prefixCacheHitRate: ["sglang:cache_hit_rate"]
    )

    /// Hugging Face TGI: token counts are the sums of its per-request length histograms, and its
    /// per-token histogram is each request's mean time per token (a TPOT).
    static let tgi = ServerVocabulary(
        engine: .tgi,
        prefix: "tgi_",
        requestsFinished: ["tgi_request_success"],
        promptTokens: ["tgi_request_input_length_sum"],
        generationTokens: ["tgi_request_generated_tokens_sum"],
        promptSeconds: [],
        generationSeconds: [],
        histograms: [
            .tpot: ["tgi_request_mean_time_per_token_duration"],
            .e2e: ["tgi_request_duration"],
            .queue: ["tgi_request_queue_duration"],
        ],
        kvCacheUsage: [],
        requestsRunning: ["tgi_batch_current_size"],
        requestsWaiting: ["tgi_queue_size"],
        preemptions: [],
        prefixCacheHits: [],
        prefixCacheQueries: [],
        prefixCacheHitRate: []
    )

    /// llama.cpp's server (`--metrics`): counters of tokens and of the seconds spent on them, no
    /// histograms and no count of finished requests.
    static let llamacpp = ServerVocabulary(
        engine: .llamacpp,
        prefix: "llamacpp:",
        requestsFinished: [],
        promptTokens: ["llamacpp:prompt_tokens_total"],
        generationTokens: ["llamacpp:tokens_predicted_total"],
        promptSeconds: ["llamacpp:prompt_seconds_total"],
        generationSeconds: ["llamacpp:tokens_predicted_seconds_total"],
        histograms: [:],
        kvCacheUsage: ["llamacpp:kv_cache_usage_ratio"],
        requestsRunning: ["llamacpp:requests_processing"],
        requestsWaiting: ["llamacpp:requests_deferred"],
        preemptions: [],
        prefixCacheHits: [],
        prefixCacheQueries: [],
        prefixCacheHitRate: []
    )

    /// Whether its prompt tokens counter holds only the tokens it processed, its prefix cache's
    /// not (llama.cpp's `prompt_tokens_total` is its processed-tokens counter), so the client's
    /// side leaves out the `cached_tokens` it reported.
    var countsProcessedPromptTokensOnly: Bool { engine == .llamacpp }

    /// The vocabulary of the engine most of `names` belong to, or nil when none is known.
    static func recognising<Names: Sequence<String>>(_ names: Names) -> ServerVocabulary? {
        var counts = [Engine: Int]()
        for name in names {
            if let vocabulary = known.first(where: { name.hasPrefix($0.prefix) }) {
                counts[vocabulary.engine, default: 0] += 1
            }
        }
        guard let best = counts.max(by: { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) }) else {
            return nil
        }
        return known.first { $0.engine == best.key }
    }
}
