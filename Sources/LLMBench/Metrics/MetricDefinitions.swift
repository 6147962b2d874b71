/// The definitions every result file states, so figures can be compared with other tools.
///
/// This is the one place in the code that mirrors SPEC.md's definitions; the README links to it.
enum MetricDefinitions {
    /// Each definition by name, as written into the summary file: the clock's, each latency
    /// metric's (`LatencyMetric.definitions`), then the other figures', then the server's (`server`).
    static let all: [(name: String, definition: String)] =
        timing + LatencyMetric.allCases.flatMap(\.definitions) + figures + ServerTimingFigures.definitions + server

    private static let timing: [(name: String, definition: String)] = [
        (
            "clock",
            "CLOCK_MONOTONIC: per socket read, the kernel's receive time of the read's data converted to it (timestamp_source kernel), else read once before TLS, HTTP or JSON decoding (user)"
        ),
        (
            "timestamp_source",
            "kernel: arrival times are the kernel's receive times, the client's own delay is not in them; user: the event loop's read times, which include it; per case, mixed when its streamed requests differ and null when none streamed"
        ),
        ("send_time", "just before the request's first byte is written, per attempt"),
    ]

    private static let figures: [(name: String, definition: String)] = [
        (
            "tokens_per_event",
            "usage.completion_tokens / token-carrying events; above 1 the server packs tokens into events and ITL (per event) exceeds TPOT (per token)"
        ),
        (
            "output_tokens",
            "usage.completion_tokens when the server reports it, else the count of token-carrying events"
        ),
        (
            "buffered_stream",
            "a successful stream whose >= 2 token events all arrived in one burst of socket reads (none emptied the socket between the first and the last token): TTFT is about E2E and TPOT and ITL say nothing of the server"
        ),
        (
            "throughput_tps_seed",
            "1000 / TPOT_ms(case) * num_concurrent_requests (the original request's formula); in rate mode the measured mean_concurrency, unrounded, stands for num_concurrent_requests"
        ),
        (
            "output_throughput_tps",
            "output tokens of all successful requests / case wall time (first send to last byte)"
        ),
        ("request_throughput_rps", "successful requests / case wall time"),
        (
            "percentiles",
            "exact order statistics (sorted values; for ITL a radix select over every gap), linear interpolation between the nearest ranks"
        ),
        (
            "failed_request",
            "a request whose last attempt did not end with a complete stream; excluded from latency statistics"
        ),
        (
            "retries",
            "connection errors, 408, 429, 500/502/503/504 and streams broken before their first token; backoff per retry.backoff_ms"
        ),
    ]
}
