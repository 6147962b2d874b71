/// The latency metrics of a case, each declared once: its column prefix, definition, how its
/// values are read from request records, and (in `LatencyMetric+Outputs.swift`) where each output
/// shows it.
///
/// The results row (CSV and JSONL), the raw per-request file, the console's case block and table
/// and the summary's definitions all iterate `allCases`; adding a metric is adding a case and
/// answering each property's switch. Within a slot of an output the metrics come in case order,
/// which the outputs pin (`LatencyMetricTests`' golden file, `ResultOutputTests`): so `connect`
/// precedes `ttftContent` (results row) and `ttftContent` precedes `e2e` (raw file).
public enum LatencyMetric: String, CaseIterable, Sendable {
    /// Time to first token.
    case ttft
    /// Per-request time per output token.
    case tpot
    /// Every gap between token-carrying events (per event).
    case itl
    /// The gaps per token, where the server reported each event's tokens (`continuous_usage_stats`).
    case itlToken = "itl_token"
    /// Opening a connection for a request's last attempt.
    case connect
    /// Time to the first answer token, reasoning aside.
    case ttftContent = "ttft_content"
    /// End-to-end latency.
    case e2e
    /// Real start − scheduled start (rate mode).
    case scheduleLag = "schedule_lag"
    /// First token − scheduled start (rate mode).
    case intendedTTFT = "intended_ttft"
    /// End − scheduled start (rate mode).
    case intendedE2E = "intended_e2e"
    /// The server's own prompt processing time, from its per-request `timings` (llama.cpp).
    case timingsPrompt = "timings_prompt"
    /// The server's own time per output token, from its per-request `timings` (llama.cpp).
    case timingsTPOT = "timings_tpot"
    /// The client's own lag: user-space read time − kernel receive time of each token event.
    case clientLag = "client_lag"

    /// The prefix of its result columns (`ttft_p50_ms`) and of its raw-file field (`ttft_ms`).
    var columnPrefix: String { rawValue }

    /// Its definitions as the summary states them, by name (TPOT has one per request and one per case).
    var definitions: [(name: String, definition: String)] {
        switch self {
        case .ttft: [("ttft", "arrival of the first stream event carrying non-empty token text - send time")]
        case .tpot:
            [
                (
                    "tpot_request",
                    "(last token event - first token event) / (output tokens - 1), requests with >= 2 output tokens"
                ),
                ("tpot_case", "mean of per-request TPOT over successful requests"),
            ]
        case .itl:
            [("itl", "each gap between consecutive token-carrying events of one request (per event, not per token)")]
        case .itlToken:
            [
                (
                    "itl_token",
                    "with continuous_usage_stats: an event carrying k new tokens (by usage.completion_tokens) after a gap g counts k gaps of g / k"
                )
            ]
        case .connect:
            [
                (
                    "connect",
                    "opening a connection (TCP, and the TLS handshake over https) for a request's last attempt, failed requests included; connections opened before timing are not counted"
                )
            ]
        case .ttftContent:
            [("ttft_content", "arrival of the first stream event carrying answer text (reasoning aside) - send time")]
        case .e2e:
            [("e2e", "arrival of the data: [DONE] marker (or of the end of the body when there is none) - send time")]
        case .scheduleLag:
            [("schedule_lag", "rate mode: a request's real start - the start its arrival schedule gave it")]
        case .intendedTTFT:
            [
                (
                    "intended_ttft",
                    "rate mode: arrival of the first token event - scheduled start (coordinated omission corrected)"
                )
            ]
        case .intendedE2E:
            [("intended_e2e", "rate mode: end of the stream - scheduled start (coordinated omission corrected)")]
        case .timingsPrompt:
            [
                (
                    "timings_prompt",
                    "the server's own prompt processing time of a request, timings.prompt_ms of its answer (llama.cpp); cached prompt tokens are not processed"
                )
            ]
        case .timingsTPOT:
            [
                (
                    "timings_tpot",
                    "the server's own time per output token of a request: timings.predicted_ms / (timings.predicted_n - 1), the client's TPOT definition on the server's clock"
                )
            ]
        case .clientLag:
            [
                (
                    "client_lag",
                    "user-space read time - kernel receive time of each token event's read (the first included): the client's own delay; only with kernel timestamps"
                )
            ]
        }
    }

    /// How its values are read from one request record, in nanoseconds.
    enum Values {
        /// At most one duration per request.
        case duration(KeyPath<RequestRecord, UInt64?>)
        /// At most one fractional duration per request.
        case fraction(KeyPath<RequestRecord, Double?>)
        /// Any number of durations per request, pooled for exact order statistics.
        case durations(KeyPath<RequestRecord, DurationList>)
    }

    /// How its values are read from a record.
    var values: Values {
        switch self {
        case .ttft: .duration(\.timeToFirstTokenNanoseconds)
        case .tpot: .fraction(\.timePerOutputTokenNanoseconds)
        case .itl: .durations(\.interTokenNanoseconds)
        case .itlToken: .durations(\.interTokenPerTokenNanoseconds)
        case .connect: .duration(\.connectNanoseconds)
        case .ttftContent: .duration(\.timeToFirstContentTokenNanoseconds)
        case .e2e: .duration(\.endToEndNanoseconds)
        case .scheduleLag: .duration(\.scheduleLagNanoseconds)
        case .intendedTTFT: .duration(\.intendedTimeToFirstTokenNanoseconds)
        case .intendedE2E: .duration(\.intendedEndToEndNanoseconds)
        case .timingsPrompt: .fraction(\.serverPromptNanoseconds)
        case .timingsTPOT: .fraction(\.serverTimePerOutputTokenNanoseconds)
        case .clientLag: .durations(\.clientLagNanoseconds)
        }
    }

    /// Whether failed requests count too; the other metrics cover successful requests only.
    var coversFailedRequests: Bool {
        switch self {
        case .connect, .scheduleLag: true
        case .ttft, .tpot, .itl, .itlToken, .ttftContent, .e2e, .intendedTTFT, .intendedE2E, .timingsPrompt,
            .timingsTPOT, .clientLag:
            false
        }
    }

    /// Its statistics over `records` (all of a case) or `successes` (their successful ones, as
    /// `coversFailedRequests` says), in milliseconds; nil without values.
    func distribution(records: [RequestRecord], successes: [RequestRecord]) -> Distribution? {
        let covered = coversFailedRequests ? records : successes
        switch values {
        case .duration(let path):
            return Distribution(
                millisecondsFromNanoseconds: covered.compactMap { $0[keyPath: path].map { Double($0) } }
            )
        case .fraction(let path):
            return Distribution(millisecondsFromNanoseconds: covered.compactMap { $0[keyPath: path] })
        case .durations(let path):
            return Distribution(millisecondsFromNanoseconds: PooledDurations(covered.lazy.map { $0[keyPath: path] }))
        }
    }

    /// The `fraction` quantile (0…1) of its values over `records`, in nanoseconds; nil without values.
    func percentile(_ fraction: Double, of records: [RequestRecord]) -> Double? {
        switch values {
        case .duration(let path):
            percentile(fraction, of: records.compactMap { $0[keyPath: path].map { Double($0) } })
        case .fraction(let path):
            percentile(fraction, of: records.compactMap { $0[keyPath: path] })
        case .durations(let path):
            PooledDurations(records.lazy.map { $0[keyPath: path] }).percentile(fraction)
        }
    }

    private func percentile(_ fraction: Double, of values: [Double]) -> Double? {
        values.isEmpty ? nil : Distribution.percentile(fraction, ofSorted: values.sorted())
    }
}
