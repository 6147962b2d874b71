/// The Prometheus text format (0.0.4) of ``SimulatorMetrics``, in vLLM v1's names and labels.
extension SimulatorMetrics {
    /// The `Content-Type` of `GET /metrics`.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// What the gauges read now, beside the metrics.
    struct Gauges: Sendable {
        var running: Int
        var waiting: Int
        /// The KV capacity in tokens that ``SimulatorMetrics/heldTokens`` is a fraction of.
        var kvCacheCapacityTokens: Int
    }

    /// The whole page; every sample carries `model_name` and `engine="0"`.
    func exposition(modelName: String, gauges: Gauges) -> String {
        var page = ExpositionPage(labels: "model_name=\(Self.quoted(modelName)),engine=\"0\"")
        page.gauge("vllm:num_requests_running", "Requests being generated (holding a sequence slot).", gauges.running)
        page.gauge("vllm:num_requests_waiting", "Requests waiting for a sequence slot.", gauges.waiting)
        let usage = min(1, Double(heldTokens) / Double(max(gauges.kvCacheCapacityTokens, 1)))
        page.gauge(
            "vllm:kv_cache_usage_perc",
            "KV-cache usage, 1 = full: prompt and generated tokens of running sequences over the capacity.",
            usage
        )
        page.counter("vllm:num_preemptions", "Preemptions (the simulator never preempts).", preemptions)
        page.counter("vllm:prompt_tokens", "Prompt tokens prefilled.", promptTokens)
        page.counter("vllm:generation_tokens", "Tokens generated.", generationTokens)
        page.header("vllm:request_success_total", "Requests that ran to their end, by finish reason.", type: "counter")
        for (index, reason) in FinishedReason.allCases.enumerated() {
            page.sample(
                "vllm:request_success_total",
                extra: "finished_reason=\"\(reason.rawValue)\"",
                value: Self.format(successes[index])
            )
        }
        page.counter("vllm:prefix_cache_queries", "Prompt tokens looked up in the prefix cache.", prefixCacheQueries)
        page.counter("vllm:prefix_cache_hits", "Prompt tokens found in the prefix cache.", prefixCacheHits)
        page.histogram("vllm:time_to_first_token_seconds", "Time from arrival to the first token.", timeToFirstToken)
        page.histogram("vllm:inter_token_latency_seconds", "Gaps between consecutive tokens.", interTokenLatency)
        page.histogram(
            "vllm:request_time_per_output_token_seconds",
            "Decode time over generated tokens minus one, per request.",
            timePerOutputToken
        )
        page.histogram("vllm:e2e_request_latency_seconds", "Time from arrival to the end of a request.", endToEnd)
        page.histogram("vllm:request_queue_time_seconds", "Time waiting for a sequence slot.", queue)
        page.histogram("vllm:request_prefill_time_seconds", "Time from admission to the first token.", prefill)
        page.histogram("vllm:request_decode_time_seconds", "Time from the first token to the last.", decode)
        page.histogram("vllm:request_prompt_tokens", "Prompt tokens per request.", promptTokensPerRequest)
        page.histogram("vllm:request_generation_tokens", "Generated tokens per request.", generationTokensPerRequest)
        return page.text
    }

    static func quoted(_ value: String) -> String {
        var escaped = "\""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped + "\""
    }

    static func format(_ value: UInt64) -> String {
        String(value)
    }

    static func format(_ value: Double) -> String {
        value.isFinite ? "\(value)" : (value.isNaN ? "NaN" : value > 0 ? "+Inf" : "-Inf")
    }
}

/// The lines of an exposition being written, with the labels every sample shares.
private struct ExpositionPage {
    let labels: String
    var text = ""

    init(labels: String) {
        self.labels = labels
    }

    mutating func header(_ name: String, _ help: String, type: String) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }

    mutating func sample(_ name: String, extra: String? = nil, value: String) {
        text += name + "{" + labels
        if let extra { text += "," + extra }
        text += "} " + value + "\n"
    }

    mutating func gauge(_ name: String, _ help: String, _ value: Int) {
        header(name, help, type: "gauge")
        sample(name, value: String(value))
    }

    mutating func gauge(_ name: String, _ help: String, _ value: Double) {
        header(name, help, type: "gauge")
        sample(name, value: SimulatorMetrics.format(value))
    }

    /// A counter family `name` with its one sample `name_total`.
    mutating func counter(_ name: String, _ help: String, _ value: UInt64) {
        let total = name + "_total"
        header(total, help, type: "counter")
        sample(total, value: SimulatorMetrics.format(value))
    }

    mutating func histogram(_ name: String, _ help: String, _ histogram: MetricHistogram) {
        header(name, help, type: "histogram")
        let cumulative = histogram.cumulativeCounts
        for (index, bound) in histogram.upperBounds.enumerated() {
            let le = "le=\"\(SimulatorMetrics.format(bound))\""
            sample(name + "_bucket", extra: le, value: String(cumulative[index]))
        }
        sample(name + "_bucket", extra: "le=\"+Inf\"", value: String(histogram.count))
        sample(name + "_sum", value: SimulatorMetrics.format(histogram.sum))
        sample(name + "_count", value: String(histogram.count))
    }
}
