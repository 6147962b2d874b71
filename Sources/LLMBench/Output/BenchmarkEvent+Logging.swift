import Logging

extension Logger {
    /// Logs `event` at debug, its facts as metadata, every text passed through `redaction`.
    public func log(_ event: BenchmarkEvent, redaction: SecretRedaction) {
        guard logLevel <= .debug else { return }
        let metadata = event.metadata.mapValues { Logger.MetadataValue.string(redaction.apply($0)) }
        debug("\(event.name)", metadata: metadata)
    }
}

extension BenchmarkEvent {
    /// The event's name in logs, e.g. `case_started`.
    var name: String {
        switch self {
        case .phaseStarted: "phase_started"
        case .seedChosen: "seed_chosen"
        case .promptMethodChosen: "prompt_method_chosen"
        case .promptsPrepared: "prompts_prepared"
        case .connectionsOpened: "connections_opened"
        case .warmupStarted: "warmup_started"
        case .caseStarted: "case_started"
        case .requestStarted: "request_started"
        case .requestFinished: "request_finished"
        case .runFinished: "run_finished"
        case .caseFinished: "case_finished"
        case .sweepFinished: "sweep_finished"
        case .liveMetricsStarted: "live_metrics_started"
        case .serverMetricsOn: "server_metrics_on"
        case .serverMetricsOff: "server_metrics_off"
        case .warning: "warning"
        }
    }

    /// The event's facts, as text; cases are counted from 1.
    var metadata: [String: String] {
        switch self {
        case .phaseStarted(let phase): ["phase": phase.rawValue]
        case .seedChosen(let seed): ["seed": "\(seed)"]
        case .promptMethodChosen(let method):
            [
                "origin": method.origin, "lengths_measured_by": method.lengthsMeasuredBy,
                "special_tokens": "\(method.specialTokens)",
            ]
        case .promptsPrepared(let p):
            [
                "workload": p.workload, "prompts": "\(p.count)", "from_cache": "\(p.fromCache)",
                "shortest": "\(p.shortest)", "longest": "\(p.longest)", "inexact": "\(p.inexact)",
            ]
        case .connectionsOpened(let count, let p50, let max):
            ["connections": "\(count)", "connect_p50_ms": "\(p50)", "connect_max_ms": "\(max)"]
        case .warmupStarted(let requests, let isDefault): ["requests": "\(requests)", "is_default": "\(isDefault)"]
        case .caseStarted(let start):
            [
                "case": "\(start.caseIndex + 1)", "cases": "\(start.caseCount)", "load": "\(start.point)",
                "input_tokens": "\(start.benchmarkCase.inputTokens)",
                "output_tokens": "\(start.benchmarkCase.outputTokens)",
            ]
        case .requestStarted(let caseIndex, let step, let isWarmup):
            ["case": "\(caseIndex + 1)", "step": "\(step)", "warmup": "\(isWarmup)"]
        case .requestFinished(let record): Self.metadata(of: record)
        case .runFinished(let run, let runs): ["run": "\(run)", "runs": "\(runs)"]
        case .caseFinished(let summary):
            [
                "case": "\(summary.caseIndex + 1)", "successful": "\(summary.successfulRequests)",
                "failed": "\(summary.failedRequests)", "output_tps": summary.outputThroughput.map { "\($0)" } ?? "-",
            ]
        case .sweepFinished(let outcome):
            [
                "case": "\(outcome.caseIndex + 1)", "best": outcome.bestConcurrency.map(String.init) ?? "none",
                "steps": outcome.steps.map(String.init).joined(separator: ","), "saturated": "\(outcome.isSaturated)",
            ]
        case .liveMetricsStarted(let address): ["host": address.host, "port": "\(address.port)", "url": address.url]
        case .serverMetricsOn(let urls, let interval):
            ["urls": urls.joined(separator: " "), "interval_ms": "\(interval)"]
        case .serverMetricsOff(let reason): ["reason": reason]
        case .warning(let warning): ["reason": warning.reason, "message": warning.description]
        }
    }

    private static func metadata(of record: RequestRecord) -> [String: String] {
        var metadata = [
            "request_id": record.requestID, "case": "\(record.caseIndex + 1)", "attempts": "\(record.attempts)",
            "warmup": "\(record.isWarmup)", "status": record.failure?.kind.rawValue ?? "ok",
        ]
        if let failure = record.failure { metadata["error"] = failure.description }
        return metadata
    }
}

extension BenchmarkWarning {
    /// The warning's kind in logs, e.g. `model_not_listed`.
    var reason: String {
        switch self {
        case .ineffectiveSetting: "ineffective_setting"
        case .certificateNotChecked: "certificate_not_checked"
        case .modelNotListed: "model_not_listed"
        case .modelListMissing: "model_list_missing"
        case .modelListFailed: "model_list_failed"
        case .lengthFieldsRejected: "length_fields_rejected"
        case .unverifiedPromptLengths: "unverified_prompt_lengths"
        case .sessionTemplateUnmeasured: "session_template_unmeasured"
        case .identicalPrompts: "identical_prompts"
        case .traceRowsSkipped: "trace_rows_skipped"
        case .connectionsNotOpened: "connections_not_opened"
        case .unmeasuredCase: "unmeasured_case"
        case .bufferedStreams: "buffered_streams"
        case .clientLagged: "client_lagged"
        case .eventsReadTogether: "events_read_together"
        case .kernelTimestampsUnavailable: "kernel_timestamps_unavailable"
        case .reportNotWritten: "report_not_written"
        case .serverTokenCountsDiffer: "server_token_counts_differ"
        case .serverFiguresIncomplete: "server_figures_incomplete"
        case .serverMetricsUnavailable: "server_metrics_unavailable"
        case .serverMetricsScrapeFailed: "server_metrics_scrape_failed"
        case .serverMetricsNotWritten: "server_metrics_not_written"
        case .shardsMissing: "shards_missing"
        case .liveSnapshotNotWritten: "live_snapshot_not_written"
        case .shardStartedLate: "shard_started_late"
        }
    }
}

extension BenchmarkEvent {
    /// The event as one JSON object for scripts (`--progress jsonl`): `event`, its name, then its
    /// facts as text, every value redacted.
    public func jsonLine(redaction: SecretRedaction) -> String {
        var json = JSONObjectWriter(redaction: redaction)
        json.field("event", name)
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) { json.field(key, value) }
        return String(decoding: json.finish(), as: UTF8.self)
    }
}
