import Foundation
import LLMBenchSimulator

/// The summary JSON written beside the results: tool, definitions, configuration (secrets
/// redacted) and the figures of every case.
struct SummaryDocument {
    let config: BenchmarkConfig
    let report: BenchmarkReport
    let startedAt: Date
    let finishedAt: Date

    /// Writes the document to `path`.
    func write(to path: String) throws(OutputError) {
        let object: [String: Any] = [
            "tool": "llm-bench",
            "version": LLMBenchVersion.current,
            "started_at": ResultRow.timestamp(startedAt),
            "finished_at": ResultRow.timestamp(finishedAt),
            "seed": Int(clamping: report.seed),
            "definitions": Dictionary(uniqueKeysWithValues: MetricDefinitions.all.map { ($0.name, $0.definition) }),
            "config": redactedConfig,
            "files": ["results": report.files.results, "requests": report.files.requests],
            "cases": report.cases.map(Self.caseObject),
            "successful_requests": report.successfulRequests,
            "failed_requests": report.failedRequests,
            "interrupted": report.wasInterrupted,
            "sweeps": report.sweeps.map { sweep -> [String: Any] in
                [
                    "case": sweep.caseIndex, "steps": sweep.steps, "saturated": sweep.isSaturated,
                    "best_concurrency": sweep.bestConcurrency ?? NSNull(),
                ]
            },
        ]
        do {
            let data = try JSONSerialization.data(
                withJSONObject: object,
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            )
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            throw OutputError(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    /// The configuration as read, with the API key and header values replaced by `<redacted>`.
    var redactedConfig: [String: Any] {
        var object: [String: Any] = [
            "source": config.sourcePath,
            "base_url": config.endpoint.description,
            "model": config.model,
            "output_prefix_name": config.outputPrefixName,
            "output_dir": config.outputDirectory,
            "save_format": config.saveFormat.rawValue,
            "stream_writing": config.streamWriting,
            "runs": config.runs,
            "num_concurrent_requests": config.concurrency,
            "cases": config.cases.map { ["input_tokens": $0.inputTokens, "output_tokens": $0.outputTokens] },
            "input_file": config.inputFile,
            "retry": [
                "max_retries": config.retry.maxRetries, "backoff_ms": config.retry.backoffMilliseconds,
                "max_retry_after_ms": config.retry.maxRetryAfterMilliseconds, "jitter": config.retry.jitter,
            ],
            "timeouts": [
                "connect_ms": config.timeouts.connectMilliseconds,
                "first_token_ms": config.timeouts.firstTokenMilliseconds, "idle_ms": config.timeouts.idleMilliseconds,
                "total_ms": config.timeouts.totalMilliseconds,
            ],
            "headers": config.headers.mapValues { _ in "<redacted>" },
            "tls_insecure": config.tlsInsecure,
            "prompt_source": config.promptSource.rawValue,
            "prompt_reuse": config.promptReuse.rawValue,
            "prompt_cache_dir": config.promptCacheDirectory ?? NSNull(),
            "force_output_length": config.forceOutputLength,
            "max_event_bytes": config.maxEventBytes,
            "continuous_usage_stats": config.continuousUsageStats,
        ]
        object["api_key"] = config.apiKey == nil ? NSNull() : "<redacted>"
        if config.endpoint == .embedded {
            let latency = config.simulator.latency
            object["simulator"] = [
                "ttft_ms": Self.json(latency.baseTimeToFirstTokenMilliseconds),
                "prefill_tokens_per_second": Self.json(latency.prefillTokensPerSecond),
                "itl_ms": Self.json(latency.interTokenMilliseconds),
                "itl_per_sequence_ms": Self.json(latency.interTokenMillisecondsPerActiveSequence),
                "max_sequences": latency.maxConcurrentSequences,
                "jitter": Self.json(latency.jitterFraction),
                "seed": Int(clamping: latency.seed),
                "tokens_per_event": config.simulator.tokensPerEvent,
            ]
        }
        return object
    }

    /// A number as JSON accepts it: nil (null) when not finite.
    static func json(_ value: Double) -> Any { value.isFinite ? value : NSNull() }

    static func caseObject(_ summary: CaseSummary) -> [String: Any] {
        var object: [String: Any] = [:]
        for cell in ResultRow(summary).cells {
            switch cell.value {
            case .text(let text): object[cell.name] = text
            case .integer(let value): object[cell.name] = value
            case .number(let value): object[cell.name] = json(value)
            case .missing: object[cell.name] = NSNull()
            }
        }
        return object
    }
}
