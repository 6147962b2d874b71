import Foundation

@testable import LLMBench

/// Expositions of each engine, written from their documented formats, and scrapes of them.
enum ServerMetricsFixtures {
    /// `text` read as the `round`-th scrape of `source`.
    static func scrape(
        _ text: String,
        source: Int = 0,
        round: Int,
        moment: MetricScrape.Moment = .interval
    ) throws -> MetricScrape {
        MetricScrape(
            source: source,
            round: round,
            moment: moment,
            clockNanoseconds: UInt64(round + 1) * 1_000_000_000,
            exposition: try MetricExposition(parsing: text)
        )
    }

    /// The case's scrapes of one source: `texts` in order, one round each, at `moments`.
    static func scrapes(_ texts: [String], source: Int = 0, moments: Moments = .during) throws -> [MetricScrape] {
        try texts.enumerated().map { round, text in
            let moment: MetricScrape.Moment =
                switch moments {
                case .during: .interval
                case .aroundTheCase: round == 0 ? .start : round == texts.count - 1 ? .end : .interval
                }
            return try scrape(text, source: source, round: round, moment: moment)
        }
    }

    /// When a fixture's scrapes were taken.
    enum Moments {
        /// All while the case ran (the deltas then run from the earliest to the latest).
        case during
        /// The first at the case's start, the last at its end, the others while it ran.
        case aroundTheCase
    }

    /// One state of a vLLM v1 server (labels `engine`, `model_name`), its histograms all with the
    /// buckets 0.01, 0.1, 1, +Inf of cumulative counts `buckets` and sum `sum`.
    static func vllm(
        prompt: Int = 0,
        generation: Int = 0,
        finished: (stop: Int, length: Int) = (0, 0),
        buckets: [Int] = [0, 0, 0, 0],
        sum: Double = 0,
        running: Int = 0,
        waiting: Int = 0,
        kvCache: Double = 0,
        prefix: (hits: Int, queries: Int) = (0, 0),
        preemptions: Int = 0
    ) -> String {
        let labels = #"engine="0",model_name="m""#
        var text = """
            # HELP vllm:num_requests_running Number of requests in model execution batches.
            # TYPE vllm:num_requests_running gauge
            vllm:num_requests_running{\(labels)} \(Double(running))
            # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
            # TYPE vllm:num_requests_waiting gauge
            vllm:num_requests_waiting{\(labels)} \(Double(waiting))
            # HELP vllm:kv_cache_usage_perc KV-cache usage. 1 means 100 percent usage.
            # TYPE vllm:kv_cache_usage_perc gauge
            vllm:kv_cache_usage_perc{\(labels)} \(kvCache)
            # HELP vllm:prefix_cache_queries_total Prefix cache queries, in terms of number of queried tokens.
            # TYPE vllm:prefix_cache_queries_total counter
            vllm:prefix_cache_queries_total{\(labels)} \(Double(prefix.queries))
            # TYPE vllm:prefix_cache_hits_total counter
            vllm:prefix_cache_hits_total{\(labels)} \(Double(prefix.hits))
            # TYPE vllm:num_preemptions_total counter
            vllm:num_preemptions_total{\(labels)} \(Double(preemptions))
            # TYPE vllm:prompt_tokens_total counter
            vllm:prompt_tokens_total{\(labels)} \(Double(prompt))
            # TYPE vllm:generation_tokens_total counter
            vllm:generation_tokens_total{\(labels)} \(Double(generation))
            # TYPE vllm:request_success_total counter
            vllm:request_success_total{engine="0",finished_reason="stop",model_name="m"} \(Double(finished.stop))
            vllm:request_success_total{engine="0",finished_reason="length",model_name="m"} \(Double(finished.length))
            vllm:request_success_total{engine="0",finished_reason="abort",model_name="m"} 0.0

            """
        let histograms = [
            "time_to_first_token_seconds", "inter_token_latency_seconds", "request_time_per_output_token_seconds",
            "e2e_request_latency_seconds", "request_queue_time_seconds", "request_prefill_time_seconds",
            "request_decode_time_seconds",
        ]
        for name in histograms {
            text += "# TYPE vllm:\(name) histogram\n"
            for (bound, count) in zip(["0.01", "0.1", "1.0", "+Inf"], buckets) {
                text += "vllm:\(name)_bucket{engine=\"0\",le=\"\(bound)\",model_name=\"m\"} \(Double(count))\n"
            }
            text += "vllm:\(name)_count{\(labels)} \(Double(buckets.last ?? 0))\n"
            text += "vllm:\(name)_sum{\(labels)} \(sum)\n"
        }
        return text
    }

    static let sglangStart = """
        # HELP sglang:prompt_tokens_total Number of prefill tokens processed.
        # TYPE sglang:prompt_tokens_total counter
        sglang:prompt_tokens_total{model_name="m"} 1000.0
        # HELP sglang:generation_tokens_total Number of generation tokens processed.
        # TYPE sglang:generation_tokens_total counter
        sglang:generation_tokens_total{model_name="m"} 2000.0
        # TYPE sglang:num_requests_total counter
        sglang:num_requests_total{model_name="m"} 10.0
        # HELP sglang:token_usage The token usage
        # TYPE sglang:token_usage gauge
        sglang:token_usage{model_name="m"} 0.1
        # HELP sglang:cache_hit_rate The cache hit rate
        # TYPE sglang:cache_hit_rate gauge
        sglang:cache_hit_rate{model_name="m"} 0.2
        # TYPE sglang:num_running_reqs gauge
        sglang:num_running_reqs{model_name="m"} 0.0
        # TYPE sglang:num_queue_reqs gauge
        sglang:num_queue_reqs{model_name="m"} 0.0
        # HELP sglang:time_to_first_token_seconds Histogram of time to first token in seconds.
        # TYPE sglang:time_to_first_token_seconds histogram
        sglang:time_to_first_token_seconds_sum{model_name="m"} 1.0
        sglang:time_to_first_token_seconds_bucket{le="0.1",model_name="m"} 5.0
        sglang:time_to_first_token_seconds_bucket{le="0.5",model_name="m"} 10.0
        sglang:time_to_first_token_seconds_bucket{le="+Inf",model_name="m"} 10.0
        sglang:time_to_first_token_seconds_count{model_name="m"} 10.0

        """

    static let sglangEnd = """
        # TYPE sglang:prompt_tokens_total counter
        sglang:prompt_tokens_total{model_name="m"} 1300.0
        # TYPE sglang:generation_tokens_total counter
        sglang:generation_tokens_total{model_name="m"} 2400.0
        # TYPE sglang:num_requests_total counter
        sglang:num_requests_total{model_name="m"} 14.0
        # TYPE sglang:token_usage gauge
        sglang:token_usage{model_name="m"} 0.3
        # TYPE sglang:cache_hit_rate gauge
        sglang:cache_hit_rate{model_name="m"} 0.4
        # TYPE sglang:num_running_reqs gauge
        sglang:num_running_reqs{model_name="m"} 4.0
        # TYPE sglang:num_queue_reqs gauge
        sglang:num_queue_reqs{model_name="m"} 1.0
        # TYPE sglang:time_to_first_token_seconds histogram
        sglang:time_to_first_token_seconds_sum{model_name="m"} 2.0
        sglang:time_to_first_token_seconds_bucket{le="0.1",model_name="m"} 7.0
        sglang:time_to_first_token_seconds_bucket{le="0.5",model_name="m"} 14.0
        sglang:time_to_first_token_seconds_bucket{le="+Inf",model_name="m"} 14.0
        sglang:time_to_first_token_seconds_count{model_name="m"} 14.0

        """

    /// TGI as its Rust exporter writes it: no labels, token counts as histograms' sums.
    static func tgi(
        success: Int,
        inputSum: Int,
        generatedSum: Int,
        perToken: (fast: Int, all: Int, sum: Double),
        duration: Double,
        queue: Double,
        batch: Int,
        queued: Int
    ) -> String {
        """
        # TYPE tgi_request_success counter
        tgi_request_success \(success)
        # TYPE tgi_request_input_length histogram
        tgi_request_input_length_bucket{le="1000"} \(success)
        tgi_request_input_length_bucket{le="+Inf"} \(success)
        tgi_request_input_length_sum \(inputSum)
        tgi_request_input_length_count \(success)
        # TYPE tgi_request_generated_tokens histogram
        tgi_request_generated_tokens_bucket{le="+Inf"} \(success)
        tgi_request_generated_tokens_sum \(generatedSum)
        tgi_request_generated_tokens_count \(success)
        # TYPE tgi_request_mean_time_per_token_duration histogram
        tgi_request_mean_time_per_token_duration_bucket{le="0.01"} \(perToken.fast)
        tgi_request_mean_time_per_token_duration_bucket{le="0.05"} \(perToken.all)
        tgi_request_mean_time_per_token_duration_bucket{le="+Inf"} \(perToken.all)
        tgi_request_mean_time_per_token_duration_sum \(perToken.sum)
        tgi_request_mean_time_per_token_duration_count \(perToken.all)
        # TYPE tgi_request_duration summary
        tgi_request_duration_sum \(duration)
        tgi_request_duration_count \(success)
        # TYPE tgi_request_queue_duration summary
        tgi_request_queue_duration_sum \(queue)
        tgi_request_queue_duration_count \(success)
        # TYPE tgi_batch_current_size gauge
        tgi_batch_current_size \(batch)
        # TYPE tgi_queue_size gauge
        tgi_queue_size \(queued)

        """
    }

    /// llama.cpp's server started with `--metrics`.
    static func llamacpp(
        prompt: Int,
        promptSeconds: Double,
        predicted: Int,
        predictedSeconds: Double,
        kvCache: Double,
        processing: Int
    ) -> String {
        """
        # HELP llamacpp:prompt_tokens_total Number of prompt tokens processed.
        # TYPE llamacpp:prompt_tokens_total counter
        llamacpp:prompt_tokens_total \(prompt)
        # HELP llamacpp:prompt_seconds_total Prompt process time
        # TYPE llamacpp:prompt_seconds_total counter
        llamacpp:prompt_seconds_total \(promptSeconds)
        # HELP llamacpp:tokens_predicted_total Number of generation tokens processed.
        # TYPE llamacpp:tokens_predicted_total counter
        llamacpp:tokens_predicted_total \(predicted)
        # HELP llamacpp:tokens_predicted_seconds_total Predict process time
        # TYPE llamacpp:tokens_predicted_seconds_total counter
        llamacpp:tokens_predicted_seconds_total \(predictedSeconds)
        # HELP llamacpp:prompt_tokens_seconds Average prompt throughput in tokens/s.
        # TYPE llamacpp:prompt_tokens_seconds gauge
        llamacpp:prompt_tokens_seconds 200
        # HELP llamacpp:kv_cache_usage_ratio KV-cache usage. 1 means 100 percent usage.
        # TYPE llamacpp:kv_cache_usage_ratio gauge
        llamacpp:kv_cache_usage_ratio \(kvCache)
        # HELP llamacpp:requests_processing Number of requests processing.
        # TYPE llamacpp:requests_processing gauge
        llamacpp:requests_processing \(processing)
        # HELP llamacpp:requests_deferred Number of requests deferred.
        # TYPE llamacpp:requests_deferred gauge
        llamacpp:requests_deferred 0

        """
    }

    /// A vLLM case: 4 requests, 512 prompt and 256 generated tokens, TTFT buckets gaining
    /// 1, 3, 3, 1 observations (0.01, 0.1, 1, +Inf) summing to 2.4 s, four rounds of gauges.
    static func vllmCase(source: Int = 0) throws -> [MetricScrape] {
        try scrapes(
            [
                vllm(prompt: 100, generation: 50, finished: (1, 1), buckets: [0, 1, 2, 2], sum: 0.1, prefix: (0, 100)),
                vllm(prompt: 300, generation: 150, buckets: [0, 1, 2, 2], running: 5, waiting: 2, kvCache: 0.5),
                vllm(prompt: 500, generation: 250, buckets: [0, 1, 2, 2], running: 3, kvCache: 0.3),
                vllm(
                    prompt: 612,
                    generation: 306,
                    finished: (4, 2),
                    buckets: [1, 5, 9, 10],
                    sum: 2.5,
                    kvCache: 0.1,
                    prefix: (384, 612),
                    preemptions: 2
                ),
            ],
            source: source
        )
    }

    /// What the client counted in `vllmCase`: 6 fewer output tokens than the server.
    static let vllmClient = ServerCaseFigures.ClientCounts(
        requestsFinished: 4,
        requestsWithOutput: 4,
        promptTokens: 512,
        outputTokens: 250
    )
}
