extension LatencyMetric {
    /// Where the results row puts a metric's columns: each slot is a run of latency columns
    /// between the row's other columns, its metrics in case order.
    enum RowSlot: CaseIterable {
        /// After `failed_requests`: p50, p90, p95 and p99 of the headline metrics.
        case percentiles
        /// After `mean_output_tokens_server`: their mean, min and max.
        case spread
        /// After the spread: counts of values.
        case counts
        /// After `tokens_per_event`: figures that depend on the server's token counts.
        case perToken
        /// After `output_length_forced`: connection and reasoning detail.
        case detail
        /// After `mean_concurrency`: the load model's latencies.
        case load
        /// After the service levels: the server's own per-request timings.
        case server
        /// After `timestamp_source`: the client's own lag.
        case client
    }

    /// Its columns in the results row, by slot, as `<prefix>_<statistic>`.
    var rowColumns: [(slot: RowSlot, statistics: [Distribution.Statistic])] {
        let percentiles: [Distribution.Statistic] = [.p50, .p90, .p95, .p99]
        let spread: [Distribution.Statistic] = [.mean, .min, .max]
        switch self {
        case .ttft, .tpot, .e2e: return [(.percentiles, percentiles), (.spread, spread)]
        case .itl: return [(.percentiles, percentiles), (.spread, spread), (.counts, [.count])]
        case .itlToken: return [(.perToken, [.mean, .p50, .p99])]
        case .connect: return [(.detail, [.p50, .max])]
        case .ttftContent: return [(.detail, [.p50, .p99])]
        case .scheduleLag, .intendedTTFT, .intendedE2E: return [(.load, [.p50, .p99])]
        case .timingsPrompt, .timingsTPOT: return [(.server, [.mean, .p50, .p99])]
        case .clientLag: return [(.client, [.p50, .p99, .max])]
        }
    }

    /// Where the raw per-request file writes a metric's value of one request, as `<prefix>_ms`.
    enum RecordSlot {
        /// After `send_clock_ns`: the request's measured latencies.
        case latencies
        /// After the latencies: the time per output token.
        case perOutputToken
        /// After `total_ms`: the connection's.
        case connection
        /// After `cached_tokens`: the server's own timings.
        case server
        /// After the server's timings: lists of gaps, as arrays.
        case gaps
    }

    /// Where the raw per-request file writes it; nil when it is not written per request.
    var recordSlot: RecordSlot? {
        switch self {
        case .ttft, .ttftContent, .e2e: .latencies
        case .tpot: .perOutputToken
        case .connect: .connection
        case .itl, .itlToken, .clientLag: .gaps
        case .timingsPrompt, .timingsTPOT: .server
        case .scheduleLag, .intendedTTFT, .intendedE2E: nil
        }
    }

    /// Whether the raw file leaves out a request's empty list of gaps (a server that does not
    /// report each event's tokens gives no per-token gaps; user stamps give no client lag)
    /// instead of writing `[]`.
    var isOmittedFromRecordWhenEmpty: Bool { self == .itlToken || self == .clientLag }

    /// How the console's case block shows a metric.
    enum ConsoleLine {
        /// A line of its own (mean, p50, p90, p99, max), `-` when it has no values.
        case always(label: String)
        /// A line of its own only when it has values.
        case whenMeasured(label: String)
        /// Its p99 in the load line, when it has values.
        case loadLine(label: String)
        /// Its p50, p99 and max in the client line, beside the clock the figures use.
        case clientLine
    }

    /// How the console's case block shows it; nil: not at all.
    var consoleLine: ConsoleLine? {
        switch self {
        case .ttft: .always(label: "TTFT")
        case .tpot: .always(label: "TPOT")
        case .itl: .always(label: "ITL")
        case .itlToken: .whenMeasured(label: "ITL/token")
        case .e2e: .always(label: "E2E")
        case .timingsPrompt: .whenMeasured(label: "server prompt")
        case .timingsTPOT: .whenMeasured(label: "server TPOT")
        case .scheduleLag: .loadLine(label: "start lag")
        case .intendedTTFT: .loadLine(label: "intended TTFT")
        case .clientLag: .clientLine
        case .connect, .ttftContent, .intendedE2E: nil
        }
    }

    /// Its columns in the console's final table: the header (`TTFT ms` for the mean, `TTFT p99`),
    /// the statistic and the decimals shown.
    var tableColumns: [(header: String, statistic: Distribution.Statistic, decimals: Int)] {
        switch self {
        case .ttft: [("TTFT ms", .mean, 2), ("TTFT p99", .p99, 2)]
        case .tpot: [("TPOT ms", .mean, 2)]
        case .itl: [("ITL p99", .p99, 2)]
        case .e2e: [("E2E p50", .p50, 1)]
        case .itlToken, .connect, .ttftContent, .scheduleLag, .intendedTTFT, .intendedE2E, .timingsPrompt, .timingsTPOT,
            .clientLag:
            []
        }
    }
}
