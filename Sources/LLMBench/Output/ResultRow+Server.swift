extension ResultRow {
    /// The server's own figures (`ServerCaseFigures`), all named `server_…`; empty when the server
    /// was not scraped or does not expose a figure.
    static func serverCells(of figures: ServerCaseFigures?) -> [(name: String, value: ResultValue)] {
        let client = figures?.client
        var cells: [(name: String, value: ResultValue)] = [
            ("server_metrics_source", figures.map { .text($0.engine.rawValue) } ?? .missing),
            ("server_requests_finished", count(figures?.requestsFinished)),
            ("server_requests_finished_client", client.map { .integer($0.requestsFinished) } ?? .missing),
            ("server_requests_finished_diff", count(figures?.requestsFinishedDifference)),
            ("server_prompt_tokens", count(figures?.promptTokens)),
            ("server_prompt_tokens_client", client?.promptTokens.map(ResultValue.integer) ?? .missing),
            ("server_prompt_tokens_diff", count(figures?.promptTokensDifference)),
            ("server_generation_tokens", count(figures?.generationTokens)),
            ("server_generation_tokens_client", client.map { .integer($0.outputTokens) } ?? .missing),
            ("server_generation_tokens_diff", count(figures?.generationTokensDifference)),
        ]
        for histogram in ServerVocabulary.Histogram.allCases {
            let latency = figures?.latency[histogram]
            cells += [
                ("server_\(histogram.rawValue)_mean_ms", .number(latency?.mean)),
                ("server_\(histogram.rawValue)_p50_est_ms", .number(latency?.p50)),
                ("server_\(histogram.rawValue)_p99_est_ms", .number(latency?.p99)),
            ]
        }
        return cells + [
            ("server_prompt_time_per_token_ms", .number(figures?.promptTimePerTokenMilliseconds)),
            ("server_kv_cache_usage_max", .number(figures?.kvCacheUsageMax)),
            ("server_kv_cache_usage_mean", .number(figures?.kvCacheUsageMean)),
            ("server_requests_running_max", count(figures?.requestsRunningMax)),
            ("server_requests_waiting_max", count(figures?.requestsWaitingMax)),
            ("server_preemptions", count(figures?.preemptions)),
            ("server_prefix_cache_hit_rate", .number(figures?.prefixCacheHitRate)),
            ("server_metrics_notes", figures.map { .text($0.notes.joined(separator: "; ")) } ?? .missing),
        ]
    }

    /// A count the server exposes as a float: an integer when it is one.
    private static func count(_ value: Double?) -> ResultValue {
        guard let value else { return .missing }
        return value.wholeNumber.map(ResultValue.integer) ?? .number(value)
    }
}
