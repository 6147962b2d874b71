extension MetricDefinitions {
    /// The definitions of the `server_…` columns: the server's own figures from its `/metrics`.
    static let server: [(name: String, definition: String)] =
        [
            (
                "server_metrics_source",
                "the engine the server's /metrics were recognised as by their names: vllm, sglang, tgi, llamacpp, or unknown (no figures; the raw series are in the server metrics file); empty when not scraped"
            ),
            (
                "server_figures",
                "from the deltas between each metrics URL's first (start) and last (end) scrape of the case (the window holds its warm-up requests, and so do the _client columns), summed over URLs and label sets; empty when the server does not expose a figure; a counter that went down (a restart) leaves its figures empty and says so in server_metrics_notes"
            ),
            (
                "server_requests_finished",
                "requests the server finished (vLLM request_success_total over every finished_reason, SGLang num_requests_total, TGI tgi_request_success; llama.cpp has none); _client: requests that succeeded; _diff: server − client"
            ),
            (
                "server_prompt_tokens",
                "prompt tokens the server processed (vLLM, SGLang prompt_tokens_total, TGI the sum of tgi_request_input_length, llama.cpp prompt_tokens_total); _client: the sum of usage.prompt_tokens where the server reported it (for llama.cpp, whose counter holds only the tokens it processed, less usage.prompt_tokens_details.cached_tokens); _diff: server − client (failed or cancelled requests, or other clients of the server, may count on the server's side only)"
            ),
            (
                "server_generation_tokens",
                "output tokens the server generated (vLLM, SGLang generation_tokens_total, TGI the sum of tgi_request_generated_tokens, llama.cpp tokens_predicted_total); _client: output tokens received by all requests; _diff: server − client"
            ),
        ] + ServerVocabulary.Histogram.allCases.map { ($0.columnName, $0.definition) } + [
            (
                "server_prompt_time_per_token_ms",
                "llama.cpp: prompt_seconds_total / prompt_tokens_total over the case, milliseconds per prompt token"
            ),
            (
                "server_kv_cache_usage",
                "fraction of the KV cache in use, 0–1 (vLLM kv_cache_usage_perc or gpu_cache_usage_perc, SGLang token_usage, llama.cpp kv_cache_usage_ratio), averaged over URLs and label sets per scrape round; _max and _mean over the case's rounds"
            ),
            (
                "server_requests_running_max",
                "the most requests the server processed at once in a scrape round, summed over URLs (vLLM num_requests_running, SGLang num_running_reqs, TGI tgi_batch_current_size, llama.cpp requests_processing)"
            ),
            (
                "server_requests_waiting_max",
                "the most requests waiting in the server's queue in a scrape round, summed over URLs (vLLM num_requests_waiting, SGLang num_queue_reqs, TGI tgi_queue_size, llama.cpp requests_deferred)"
            ),
            ("server_preemptions", "requests the server preempted during the case (vLLM num_preemptions_total)"),
            (
                "server_prefix_cache_hit_rate",
                "prefix-cache hits / queries in tokens over the case (vLLM prefix_cache_hits_total / prefix_cache_queries_total), else the mean over rounds of the server's own hit-rate gauge (older vLLM gpu_prefix_cache_hit_rate, SGLang cache_hit_rate), 0–1"
            ),
            ("server_metrics_notes", "why server figures are empty although the server was scraped, separated by ';'"),
        ]
}

extension ServerVocabulary.Histogram {
    /// The name of this histogram's definition: its columns' common prefix.
    var columnName: String { "server_\(rawValue)" }

    /// What the histogram's columns `_mean_ms`, `_p50_est_ms`, `_p99_est_ms` are.
    var definition: String {
        let what: String
        switch self {
        case .ttft: what = "the server's time to first token (vLLM, SGLang time_to_first_token_seconds)"
        case .itl:
            what =
                "the server's gap between consecutive output tokens (vLLM inter_token_latency_seconds, older time_per_output_token_seconds; SGLang inter_token_latency_seconds)"
        case .tpot:
            what =
                "the server's time per output token of each request (vLLM request_time_per_output_token_seconds, SGLang time_per_output_token_seconds, TGI tgi_request_mean_time_per_token_duration); for llama.cpp the mean alone, tokens_predicted_seconds_total / (tokens_predicted_total - the requests that received a token) over the case: seconds per decode step, as TPOT divides"
        case .e2e:
            what = "the server's request latency (vLLM, SGLang e2e_request_latency_seconds, TGI tgi_request_duration)"
        case .queue:
            what =
                "the time requests waited in the server's queue (vLLM request_queue_time_seconds, SGLang queue_time_seconds, TGI tgi_request_queue_duration)"
        case .prefill: what = "the server's prefill time per request (vLLM request_prefill_time_seconds)"
        case .decode: what = "the server's decode time per request (vLLM request_decode_time_seconds)"
        }
        return what
            + ", milliseconds: _mean_ms is the histogram's sum / count over the case (exact); _p50_est_ms and _p99_est_ms are bucket estimates (linear interpolation within the bucket holding the rank, as PromQL's histogram_quantile; the highest finite bound when the rank falls in +Inf)"
    }
}
