import Foundation

/// A case's results as named columns, in the order of the results file.
///
/// The original request's nine columns come first, spelled and ordered exactly as in SPEC.md; the named
/// statistics follow, then further detail, and last the server's own figures (`server_…`).
public struct ResultRow: Sendable {
    /// The column names and values, in order.
    public var cells: [(name: String, value: ResultValue)]

    /// Every column, in file order.
    public static let columns: [String] = ResultRow(CaseSummary.placeholder).cells.map(\.name)

    /// The row of one case.
    public init(_ summary: CaseSummary) {
        let latency = { (slot: LatencyMetric.RowSlot) in Self.latencyCells(of: summary, in: slot) }
        cells =
            Self.specCells(of: summary) + latency(.percentiles) + Self.throughputCells(of: summary)
            + latency(.spread) + latency(.counts) + Self.requestCells(of: summary) + latency(.perToken)
            + Self.promptCells(of: summary) + latency(.detail) + Self.loadCells(of: summary) + latency(.load)
            + Self.clockCells(of: summary) + latency(.client) + Self.sloCells(of: summary.load) + latency(.server)
            + summary.serverTimings.cells
            + Self.serverCells(of: summary.serverFigures)
    }

    /// The original request's columns, then the request counts.
    private static func specCells(of summary: CaseSummary) -> [(name: String, value: ResultValue)] {
        [
            ("@timestamp", .text(timestamp(summary.startedAt))),
            ("model", .text(summary.model)),
            ("input_tokens", .integer(summary.benchmarkCase.inputTokens)),
            ("output_tokens", .integer(summary.benchmarkCase.outputTokens)),
            ("runs", .integer(summary.runs)),
            ("num_concurrent_requests", .integer(summary.concurrency)),
            ("TTFT (ms)", .number(summary.latency[.ttft]?.mean)),
            ("TPOT (ms)", .number(summary.meanTimePerOutputTokenMilliseconds)),
            ("Throughput (TPS)", .number(summary.specThroughput)),
            ("successful_requests", .integer(summary.successfulRequests)),
            ("failed_requests", .integer(summary.failedRequests)),
        ]
    }

    /// The columns of every latency metric in `slot`, in case order: `<prefix>_<statistic>`.
    private static func latencyCells(
        of summary: CaseSummary,
        in slot: LatencyMetric.RowSlot
    ) -> [(name: String, value: ResultValue)] {
        LatencyMetric.allCases.flatMap { metric in
            let distribution = summary.latency[metric]
            return metric.rowColumns.filter { $0.slot == slot }.flatMap(\.statistics).map { statistic in
                let name = "\(metric.columnPrefix)_\(statistic.columnSuffix)"
                if statistic == .count { return (name, ResultValue.integer(distribution?.count ?? 0)) }
                return (name, ResultValue.number(distribution?[statistic]))
            }
        }
    }

    private static func throughputCells(of summary: CaseSummary) -> [(name: String, value: ResultValue)] {
        [
            ("output_throughput_tps", .number(summary.outputThroughput)),
            ("request_throughput_rps", .number(summary.requestThroughput)),
            ("mean_input_tokens_server", .number(summary.meanInputTokensServer)),
            ("mean_output_tokens_server", .number(summary.meanOutputTokensServer)),
        ]
    }

    private static func requestCells(of summary: CaseSummary) -> [(name: String, value: ResultValue)] {
        [
            ("attempts", .integer(summary.attempts)),
            ("retried_requests", .integer(summary.retriedRequests)),
            ("failures", .text(failureCounts(summary.failuresByKind))),
            ("wall_time_s", .number(summary.wallTimeSeconds)),
            ("total_output_tokens", .integer(summary.totalOutputTokens)),
            ("output_tokens_min", .number(summary.outputTokens?.min)),
            ("output_tokens_max", .number(summary.outputTokens?.max)),
            ("mean_token_events", .number(summary.meanTokenEvents)),
            ("tokens_per_event", .number(summary.tokensPerEvent)),
        ]
    }

    private static func promptCells(of summary: CaseSummary) -> [(name: String, value: ResultValue)] {
        let workload = summary.benchmarkCase.workload
        return [
            ("short_output_requests", .integer(summary.shortOutputRequests)),
            ("input_mismatch_requests", .integer(summary.inputMismatchRequests)),
            ("buffered_streams", .integer(summary.bufferedStreams)),
            ("prompt_tokens_prepared_min", summary.preparedPromptTokens.map { .integer($0.lowerBound) } ?? .missing),
            ("prompt_tokens_prepared_max", summary.preparedPromptTokens.map { .integer($0.upperBound) } ?? .missing),
            ("prompt_source", .text(summary.promptSource)),
            ("prompt_tokens_source", .text(summary.promptTokensSource)),
            ("workload", .text(workload.isFixed ? "fixed" : workload.description)),
            ("shared_prefix_tokens", summary.benchmarkCase.sharedPrefix.map { .integer($0.tokens) } ?? .missing),
            ("output_length_forced", .boolean(summary.isOutputLengthForced)),
        ]
    }

    private static func loadCells(of summary: CaseSummary) -> [(name: String, value: ResultValue)] {
        let load = summary.load
        return [
            ("mean_reasoning_events", .number(summary.meanReasoningEvents)),
            ("load_mode", .text(load.mode)),
            ("load_concurrency", load.concurrency.map(ResultValue.integer) ?? .missing),
            ("target_rate_rps", .number(load.targetRate)),
            ("achieved_rate_rps", .number(load.achievedRate)),
            ("mean_concurrency", .number(load.meanConcurrency)),
        ]
    }

    /// The clock of the case's arrival times (`kernel`, `user` or `mixed`; null when nothing
    /// streamed), and the share of token events whose gap to the one before is not measured.
    private static func clockCells(of summary: CaseSummary) -> [(name: String, value: ResultValue)] {
        [
            ("timestamp_source", summary.timestampSource.map { ResultValue.text($0.rawValue) } ?? .missing),
            ("events_read_together_pct", .number(summary.eventsReadTogetherPercent)),
        ]
    }

    private static func sloCells(of load: LoadSummary) -> [(name: String, value: ResultValue)] {
        [
            ("goodput_rps", .number(load.goodputRequests)),
            ("goodput_tps", .number(load.goodputTokens)),
            ("slo_attainment_pct", .number(load.sloAttainmentPercent)),
            ("slo_met", load.meetsSLOs.map(ResultValue.boolean) ?? .missing),
        ]
    }

    /// `kind=count` pairs separated by `;`, in a fixed order; empty when nothing failed.
    static func failureCounts(_ counts: [FailureKind: Int]) -> String {
        FailureKind.allCases.compactMap { kind in counts[kind].map { "\(kind.rawValue)=\($0)" } }.joined(separator: ";")
    }

    /// ISO 8601 UTC with seconds, as in the original request's example (`2024-01-01T10:00:00Z`).
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
