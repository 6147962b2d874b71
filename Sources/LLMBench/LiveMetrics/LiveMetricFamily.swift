import Prometheus

/// Every metric the benchmark serves while it runs (`--metrics-port`), declared once: its name,
/// type, help text and, for histograms, buckets in seconds. Every series carries `run_id`;
/// warm-up requests are left out of all of them, as they are of the results.
enum LiveMetricFamily: CaseIterable, Sendable {
    case requestsStarted
    case requestsFinished
    case requestFailures
    case requestsInFlight
    case outputTokens
    case timeToFirstToken
    case interTokenLatency
    case endToEndLatency
    case scheduleLag
    case caseIndex
    case caseStep

    /// The Prometheus type of the family.
    enum Kind: String, Sendable {
        case counter, gauge, histogram
    }

    /// The prefix of every name.
    static let namespace = "llm_bench"

    /// The full name, e.g. `llm_bench_requests_finished_total`.
    var name: String { descriptor.name }

    var kind: Kind {
        switch self {
        case .requestsStarted, .requestsFinished, .requestFailures, .outputTokens: .counter
        case .requestsInFlight, .caseIndex, .caseStep: .gauge
        case .timeToFirstToken, .interTokenLatency, .endToEndLatency, .scheduleLag: .histogram
        }
    }

    /// The labels besides `run_id`.
    var labelNames: [String] {
        switch self {
        case .requestsFinished: ["status"]
        case .requestFailures: ["kind"]
        default: []
        }
    }

    /// The name's parts and help text, as the registry takes them.
    var descriptor: MetricNameDescriptor {
        let (name, unit, help) = parts
        return MetricNameDescriptor(namespace: Self.namespace, metricName: name, unitName: unit, helpText: help)
    }

    private var parts: (name: String, unit: String, help: String) {
        switch self {
        case .requestsStarted:
            ("requests_started", "total", "Requests sent, warm-up excluded.")
        case .requestsFinished:
            ("requests_finished", "total", "Requests ended, by status: ok or failed.")
        case .requestFailures:
            ("request_failures", "total", "Failed requests by failure class (error_kind of the results).")
        case .requestsInFlight:
            ("requests_in_flight", "", "Requests sent and not yet ended.")
        case .outputTokens:
            (
                "output_tokens", "total",
                "Output tokens of successful requests (the server's usage, else events counted)."
            )
        case .timeToFirstToken:
            ("time_to_first_token", "seconds", "Time to first token of successful requests.")
        case .interTokenLatency:
            ("inter_token_latency", "seconds", "Mean gap between token events, one observation per successful request.")
        case .endToEndLatency:
            ("end_to_end_latency", "seconds", "Send to end of stream of successful requests.")
        case .scheduleLag:
            ("schedule_lag", "seconds", "How far each request started behind its scheduled arrival (rate mode).")
        case .caseIndex:
            ("case_index", "", "0-based index of the case being measured.")
        case .caseStep:
            ("case_step", "", "0-based load point of the case being measured (a sweep's step).")
        }
    }

    /// The bucket bounds of a histogram; empty for the other kinds.
    var buckets: [Duration] {
        let milliseconds: [Double] =
            switch self {
            case .timeToFirstToken:
                [5, 10, 25, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2500, 5000, 10000, 20000, 40000, 80000]
            case .interTokenLatency:
                [1, 2.5, 5, 7.5, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 250, 500, 1000, 2500]
            case .endToEndLatency:
                [100, 250, 500, 1000, 2500, 5000, 10000, 15000, 20000, 30000, 45000, 60000, 120000, 300000, 600000]
            case .scheduleLag:
                [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000]
            default:
                []
            }
        return milliseconds.map { .nanoseconds(Int64(($0 * 1e6).rounded())) }
    }
}
