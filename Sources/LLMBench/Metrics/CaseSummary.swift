import Foundation

/// The figures of one case, computed from its request records.
///
/// Latency statistics cover successful requests only; the definitions are those of
/// `MetricDefinitions` (and SPEC.md).
public struct CaseSummary: Sendable {
    /// When the case started (UTC).
    public var startedAt: Date
    /// 0-based index of the case in the config.
    public var caseIndex: Int
    /// The lengths asked for.
    public var benchmarkCase: BenchmarkCase
    /// The model benchmarked.
    public var model: String
    /// Runs of the case.
    public var runs: Int
    /// Requests per run (waves and concurrency modes); in rate mode the measured mean in flight, rounded.
    public var concurrency: Int
    /// The concurrency the seed's throughput formula multiplies by: the configured one in waves and
    /// concurrency modes, the measured mean in flight (unrounded) in rate mode.
    public var throughputConcurrency: Double
    /// Requests that succeeded.
    public var successfulRequests: Int
    /// Requests whose last attempt failed.
    public var failedRequests: Int
    /// Failed requests by failure class.
    public var failuresByKind: [FailureKind: Int]
    /// Attempts made by all requests.
    public var attempts: Int
    /// Requests that needed more than one attempt.
    public var retriedRequests: Int
    /// Time to first token, milliseconds.
    public var timeToFirstToken: Distribution?
    /// Time to the first answer token (reasoning aside), milliseconds.
    public var timeToFirstContentToken: Distribution?
    /// Mean reasoning events per successful request.
    public var meanReasoningEvents: Double?
    /// Per-request time per output token, milliseconds.
    public var timePerOutputToken: Distribution?
    /// Every inter-token gap (per event), milliseconds.
    public var interTokenLatency: Distribution?
    /// Inter-token gaps per token, milliseconds, where the server reported each event's tokens
    /// (`continuous_usage_stats`); nil otherwise.
    public var interTokenLatencyPerToken: Distribution?
    /// End-to-end latency, milliseconds.
    public var endToEndLatency: Distribution?
    /// Connect times of the connections opened during the case, milliseconds.
    public var connectTime: Distribution?
    /// From the case's first send to its last byte, seconds.
    public var wallTimeSeconds: Double
    /// Output tokens of all successful requests.
    public var totalOutputTokens: Int
    /// Output tokens per request (server's count, else events counted).
    public var outputTokens: Distribution?
    /// Mean of the server's `usage.prompt_tokens`; nil if the server never reported it.
    public var meanInputTokensServer: Double?
    /// Mean of the server's `usage.completion_tokens`; nil if the server never reported it.
    public var meanOutputTokensServer: Double?
    /// Mean of token-carrying events counted by the client.
    public var meanTokenEvents: Double?
    /// Server-reported output tokens per token-carrying event, over the successful requests the
    /// server reported a count for; above 1 the server packs tokens into events, so ITL (per
    /// event) exceeds TPOT (per token). Nil without a server count.
    public var tokensPerEvent: Double?
    /// Successful requests whose output was shorter than they asked.
    public var shortOutputRequests: Int
    /// Successful requests whose server-reported prompt length differs from the one they asked.
    public var inputMismatchRequests: Int
    /// Successful requests whose stream arrived in one burst (`RequestRecord.isBufferedStream`).
    public var bufferedStreams: Int

    /// Lengths of the case's prompts as the server's tokenizer measured them in phase 1.
    public var preparedPromptTokens: Distribution?
    /// How the prompts were made and measured, e.g. `generate/tokenize-vllm`.
    public var promptSource = ""
    /// How the prompt lengths are known: `tokenize` (the server's tokenizer), `usage` (the
    /// server's `usage.prompt_tokens`) or `unverified` (the server reports neither).
    public var promptTokensSource = ""
    /// Whether requests asked for the exact output length with `ignore_eos` and `min_tokens`.
    public var isOutputLengthForced = false
    /// The load model's figures and the SLO verdict.
    public var load: LoadSummary?

    /// Counted requests, successful or failed; 0 when the case measured nothing.
    public var measuredRequests: Int { successfulRequests + failedRequests }

    /// TPOT of the case: the mean of per-request TPOT, milliseconds.
    public var meanTimePerOutputTokenMilliseconds: Double? { timePerOutputToken?.mean }

    /// The seed's throughput: `1000 / TPOT_ms * concurrency`, with `throughputConcurrency`.
    public var seedThroughput: Double? {
        guard let tpot = meanTimePerOutputTokenMilliseconds, tpot > 0 else { return nil }
        return 1000 / tpot * throughputConcurrency
    }

    /// Measured output throughput: output tokens / wall time.
    public var outputThroughput: Double? {
        wallTimeSeconds > 0 ? Double(totalOutputTokens) / wallTimeSeconds : nil
    }

    /// Successful requests / wall time.
    public var requestThroughput: Double? {
        wallTimeSeconds > 0 ? Double(successfulRequests) / wallTimeSeconds : nil
    }

    /// Computes the summary of a case from all its records.
    public init(
        records: [RequestRecord],
        benchmarkCase: BenchmarkCase,
        caseIndex: Int,
        model: String,
        runs: Int,
        concurrency: Int,
        startedAt: Date
    ) {
        let toMilliseconds = 1e-6
        let successes = records.filter(\.isSuccess)
        self.startedAt = startedAt
        self.caseIndex = caseIndex
        self.benchmarkCase = benchmarkCase
        self.model = model
        self.runs = runs
        self.concurrency = concurrency
        throughputConcurrency = Double(concurrency)
        successfulRequests = successes.count
        failedRequests = records.count - successes.count
        failuresByKind = records.reduce(into: [:]) { counts, record in
            if let kind = record.failure?.kind { counts[kind, default: 0] += 1 }
        }
        attempts = records.reduce(0) { $0 + $1.attempts }
        retriedRequests = records.count { $0.attempts > 1 }
        timeToFirstToken = Distribution(successes.compactMap { $0.timeToFirstTokenNanoseconds.map { Double($0) } })?
            .scaled(by: toMilliseconds)
        timeToFirstContentToken = Distribution(
            successes.compactMap { $0.timeToFirstContentTokenNanoseconds.map { Double($0) } }
        )?
        .scaled(by: toMilliseconds)
        meanReasoningEvents = Self.mean(successes.map(\.reasoningEvents))
        timePerOutputToken = Distribution(successes.compactMap(\.timePerOutputTokenNanoseconds))?.scaled(
            by: toMilliseconds
        )
        interTokenLatency = Distribution(
            nanoseconds: PooledDurations(successes.lazy.map(\.interTokenNanoseconds))
        )?
        .scaled(by: toMilliseconds)
        interTokenLatencyPerToken = Distribution(
            nanoseconds: PooledDurations(successes.lazy.map(\.interTokenPerTokenNanoseconds))
        )?
        .scaled(by: toMilliseconds)
        endToEndLatency = Distribution(successes.compactMap { $0.endToEndNanoseconds.map { Double($0) } })?
            .scaled(by: toMilliseconds)
        connectTime = Distribution(records.compactMap { $0.connectNanoseconds.map { Double($0) } })?.scaled(
            by: toMilliseconds
        )
        if let start = records.map(\.startOffsetNanoseconds).min(), let end = records.map(\.endOffsetNanoseconds).max(),
            end > start
        {
            wallTimeSeconds = Double(end - start) * 1e-9
        } else {
            wallTimeSeconds = 0
        }
        totalOutputTokens = successes.reduce(0) { $0 + $1.outputTokens }
        outputTokens = Distribution(successes.map { Double($0.outputTokens) })
        meanInputTokensServer = Self.mean(successes.compactMap(\.inputTokensReported))
        meanOutputTokensServer = Self.mean(successes.compactMap(\.outputTokensReported))
        meanTokenEvents = Self.mean(successes.map(\.tokenEvents))
        let counted = successes.filter { $0.outputTokensReported != nil && $0.tokenEvents > 0 }
        let countedEvents = counted.reduce(0) { $0 + $1.tokenEvents }
        tokensPerEvent =
            countedEvents > 0
            ? Double(counted.reduce(0) { $0 + ($1.outputTokensReported ?? 0) }) / Double(countedEvents) : nil
        shortOutputRequests = successes.count { $0.outputTokens < $0.requestedOutputTokens }
        inputMismatchRequests = successes.count { record in
            record.inputTokensReported.map { $0 != record.requestedInputTokens } ?? false
        }
        bufferedStreams = successes.count(where: \.isBufferedStream)
    }

    private static func mean(_ values: [Int]) -> Double? {
        values.isEmpty ? nil : Double(values.reduce(0, +)) / Double(values.count)
    }
}
