import Foundation

/// A case's results as named columns, in the order of the results file.
///
/// The seed's nine columns come first, spelled and ordered exactly as in SPEC.md; the named
/// statistics follow, then further detail.
public struct ResultRow: Sendable {
    /// The column names and values, in order.
    public var cells: [(name: String, value: ResultValue)]

    /// The seed's columns, in the seed's order.
    public static let seedColumns = [
        "@timestamp", "model", "input_tokens", "output_tokens", "runs", "num_concurrent_requests", "TTFT (ms)",
        "TPOT (ms)", "Throughput (TPS)",
    ]

    /// Every column, in file order.
    public static let columns: [String] = ResultRow(CaseSummary.placeholder).cells.map(\.name)

    /// The row of one case.
    public init(_ summary: CaseSummary) {
        var cells: [(name: String, value: ResultValue)] = [
            ("@timestamp", .text(Self.timestamp(summary.startedAt))),
            ("model", .text(summary.model)),
            ("input_tokens", .integer(summary.benchmarkCase.inputTokens)),
            ("output_tokens", .integer(summary.benchmarkCase.outputTokens)),
            ("runs", .integer(summary.runs)),
            ("num_concurrent_requests", .integer(summary.concurrency)),
            ("TTFT (ms)", .number(summary.timeToFirstToken?.mean)),
            ("TPOT (ms)", .number(summary.meanTimePerOutputTokenMilliseconds)),
            ("Throughput (TPS)", .number(summary.seedThroughput)),
            ("successful_requests", .integer(summary.successfulRequests)),
            ("failed_requests", .integer(summary.failedRequests)),
        ]
        let metrics: [(String, Distribution?)] = [
            ("ttft", summary.timeToFirstToken), ("tpot", summary.timePerOutputToken),
            ("itl", summary.interTokenLatency), ("e2e", summary.endToEndLatency),
        ]
        for (prefix, distribution) in metrics {
            cells.append(("\(prefix)_p50_ms", .number(distribution?.p50)))
            cells.append(("\(prefix)_p90_ms", .number(distribution?.p90)))
            cells.append(("\(prefix)_p95_ms", .number(distribution?.p95)))
            cells.append(("\(prefix)_p99_ms", .number(distribution?.p99)))
        }
        cells += [
            ("output_throughput_tps", .number(summary.outputThroughput)),
            ("request_throughput_rps", .number(summary.requestThroughput)),
            ("mean_input_tokens_server", .number(summary.meanInputTokensServer)),
            ("mean_output_tokens_server", .number(summary.meanOutputTokensServer)),
        ]
        for (prefix, distribution) in metrics {
            cells.append(("\(prefix)_mean_ms", .number(distribution?.mean)))
            cells.append(("\(prefix)_min_ms", .number(distribution?.min)))
            cells.append(("\(prefix)_max_ms", .number(distribution?.max)))
        }
        cells += [
            ("itl_count", .integer(summary.interTokenLatency?.count ?? 0)),
            ("attempts", .integer(summary.attempts)),
            ("retried_requests", .integer(summary.retriedRequests)),
            ("failures", .text(Self.failureCounts(summary.failuresByKind))),
            ("wall_time_s", .number(summary.wallTimeSeconds)),
            ("total_output_tokens", .integer(summary.totalOutputTokens)),
            ("output_tokens_min", .number(summary.outputTokens?.min)),
            ("output_tokens_max", .number(summary.outputTokens?.max)),
            ("mean_token_events", .number(summary.meanTokenEvents)),
            ("tokens_per_event", .number(summary.tokensPerEvent)),
            ("itl_token_mean_ms", .number(summary.interTokenLatencyPerToken?.mean)),
            ("itl_token_p50_ms", .number(summary.interTokenLatencyPerToken?.p50)),
            ("itl_token_p99_ms", .number(summary.interTokenLatencyPerToken?.p99)),
            ("short_output_requests", .integer(summary.shortOutputRequests)),
            ("input_mismatch_requests", .integer(summary.inputMismatchRequests)),
            ("buffered_streams", .integer(summary.bufferedStreams)),
            ("prompt_tokens_prepared_min", .number(summary.preparedPromptTokens?.min)),
            ("prompt_tokens_prepared_max", .number(summary.preparedPromptTokens?.max)),
            ("prompt_source", .text(summary.promptSource)),
            ("prompt_tokens_source", .text(summary.promptTokensSource)),
            (
                "workload",
                .text(summary.benchmarkCase.workload.isFixed ? "fixed" : summary.benchmarkCase.workload.description)
            ),
            ("shared_prefix_tokens", summary.benchmarkCase.sharedPrefix.map { .integer($0.tokens) } ?? .missing),
            ("output_length_forced", .boolean(summary.isOutputLengthForced)),
            ("connect_p50_ms", .number(summary.connectTime?.p50)),
            ("connect_max_ms", .number(summary.connectTime?.max)),
        ]
        let load = summary.load
        cells += [
            ("ttft_content_p50_ms", .number(summary.timeToFirstContentToken?.p50)),
            ("ttft_content_p99_ms", .number(summary.timeToFirstContentToken?.p99)),
            ("mean_reasoning_events", .number(summary.meanReasoningEvents)),
            ("load_mode", .text(load?.mode ?? "waves")),
            ("load_concurrency", load?.concurrency.map(ResultValue.integer) ?? .missing),
            ("target_rate_rps", .number(load?.targetRate)),
            ("achieved_rate_rps", .number(load?.achievedRate)),
            ("mean_concurrency", .number(load?.meanConcurrency)),
            ("schedule_lag_p50_ms", .number(load?.scheduleLag?.p50)),
            ("schedule_lag_p99_ms", .number(load?.scheduleLag?.p99)),
            ("intended_ttft_p50_ms", .number(load?.intendedTimeToFirstToken?.p50)),
            ("intended_ttft_p99_ms", .number(load?.intendedTimeToFirstToken?.p99)),
            ("intended_e2e_p50_ms", .number(load?.intendedEndToEnd?.p50)),
            ("intended_e2e_p99_ms", .number(load?.intendedEndToEnd?.p99)),
            ("goodput_rps", .number(load?.goodputRequests)),
            ("goodput_tps", .number(load?.goodputTokens)),
            ("slo_attainment_pct", .number(load?.sloAttainmentPercent)),
            ("slo_met", load?.meetsSLOs.map(ResultValue.boolean) ?? .missing),
        ]
        self.cells = cells
    }

    /// `kind=count` pairs separated by `;`, in a fixed order; empty when nothing failed.
    static func failureCounts(_ counts: [FailureKind: Int]) -> String {
        FailureKind.allCases.compactMap { kind in counts[kind].map { "\(kind.rawValue)=\($0)" } }.joined(separator: ";")
    }

    /// ISO 8601 UTC with seconds, as in the seed's example (`2024-01-01T10:00:00Z`).
    static func timestamp(_ date: Date) -> String {
        UTCTimestamp.iso8601(date)
    }

    /// The row with its texts passed through `redaction`.
    func redacted(by redaction: SecretRedaction) -> ResultRow {
        guard !redaction.isEmpty else { return self }
        var row = self
        row.cells = cells.map { cell in
            guard case .text(let text) = cell.value else { return cell }
            return (cell.name, .text(redaction.apply(text)))
        }
        return row
    }

    /// The CSV header line.
    public static let csvHeader: String = columns.map(CSV.escape).joined(separator: ",")

    /// The row as a CSV line (no line break).
    public var csvLine: String { cells.map(\.value.csvField).joined(separator: ",") }

    /// The row as one JSON object (no line break).
    public var jsonLine: [UInt8] {
        var json = JSONObjectWriter()
        for cell in cells { cell.value.write(to: &json, name: cell.name) }
        return json.finish()
    }
}

extension CaseSummary {
    /// A summary of no requests, used to list the columns.
    static var placeholder: CaseSummary {
        CaseSummary(
            records: [],
            benchmarkCase: BenchmarkCase(inputTokens: 1, outputTokens: 1),
            caseIndex: 0,
            model: "",
            runs: 1,
            concurrency: 1,
            startedAt: Date(timeIntervalSince1970: 0)
        )
    }
}
