import Foundation

/// The figures of one case, computed from its request records.
///
/// Built whole from the records and their `Context`. Latency statistics cover successful
/// requests only, except where `LatencyMetric.coversFailedRequests` says otherwise; the
/// definitions are those of `MetricDefinitions` (and SPEC.md).
public struct CaseSummary: Sendable {
    /// When the case started (UTC).
    public let startedAt: Date
    /// When the case started, in nanoseconds since 1970 on this machine's clock: the instant its
    /// records' offsets count from, by which shards' records are placed on one time axis.
    let startedAtUnixNanoseconds: Int64
    /// How this shard's start of the case met the other shards', when it waited for them.
    let shardStart: ShardStart?
    /// 0-based index of the case in the config.
    public let caseIndex: Int
    /// The load point's position within the case (0 unless swept), from 0.
    public let step: Int
    /// The lengths asked for (for a variable workload, the mean lengths sent).
    public let benchmarkCase: BenchmarkCase
    /// The model benchmarked.
    public let model: String
    /// The turn index these figures cover, for one turn of a multi-turn case; nil for a whole case.
    public let turn: Int?
    /// A multi-turn case's figures per turn index, turn 1 first (requests of every session at that
    /// turn); empty for a case of single requests and for a turn's own figures.
    public let turns: [CaseSummary]
    /// Runs of the case.
    public let runs: Int
    /// Requests per run (waves and concurrency modes); in rate mode the measured mean in flight, rounded.
    public let concurrency: Int
    /// The concurrency the original request's throughput formula multiplies by: the configured one in waves and
    /// concurrency modes, the measured mean in flight (unrounded) in rate mode.
    let throughputConcurrency: Double
    /// Requests that succeeded.
    let successfulRequests: Int
    /// Requests whose last attempt failed.
    public let failedRequests: Int
    /// Failed requests by failure class.
    let failuresByKind: [FailureKind: Int]
    /// Attempts made by all requests.
    public let attempts: Int
    /// Requests that needed more than one attempt.
    let retriedRequests: Int
    /// The statistics of each latency metric that has values, milliseconds.
    public let latency: [LatencyMetric: Distribution]
    /// Mean reasoning events per successful request.
    let meanReasoningEvents: Double?
    /// From the case's first send to its last byte, seconds.
    let wallTimeSeconds: Double
    /// Output tokens of all successful requests.
    let totalOutputTokens: Int
    /// Output tokens per request (server's count, else events counted).
    public let outputTokens: Distribution?
    /// Mean of the server's `usage.prompt_tokens`; nil if the server never reported it.
    let meanInputTokensServer: Double?
    /// Mean of the server's `usage.completion_tokens`; nil if the server never reported it.
    let meanOutputTokensServer: Double?
    /// Mean of token-carrying events counted by the client.
    let meanTokenEvents: Double?
    /// Server-reported output tokens per token-carrying event, over the successful requests the
    /// server reported a count for; above 1 the server packs tokens into events, so ITL (per
    /// event) exceeds TPOT (per token). Nil without a server count.
    public let tokensPerEvent: Double?
    /// Successful requests whose output was shorter than they asked.
    let shortOutputRequests: Int
    /// Successful requests whose server-reported prompt length differs from the one they asked.
    let inputMismatchRequests: Int
    /// Successful requests whose stream arrived in one burst (`RequestRecord.isBufferedStream`).
    public let bufferedStreams: Int
    /// The clock the arrival times of its streamed requests were read from; nil when none streamed.
    let timestampSource: CaseTimestampSource?
    /// Of the token events after each stream's first, the percentage that came in the same socket
    /// read as the event before them, buffered streams aside; nil when no stream had two events.
    let eventsReadTogetherPercent: Double?
    /// The shortest and longest of the case's prompts as the server's tokenizer measured them in phase 1.
    let preparedPromptTokens: ClosedRange<Int>?
    /// How the prompts were made and measured, e.g. `generate/tokenize-vllm`; empty without prompts.
    public let promptSource: String
    /// How the prompt lengths are known: `tokenize` (the server's tokenizer), `usage` (the
    /// server's `usage.prompt_tokens`) or `unverified` (the server reports neither).
    let promptTokensSource: String
    /// Whether requests asked for the exact output length with `ignore_eos` and `min_tokens`.
    let isOutputLengthForced: Bool
    /// The load model's figures and the SLO verdict.
    public let load: LoadSummary
    /// The server's own per-request timings beside the client's, and its cached prompt tokens.
    let serverTimings: ServerTimingFigures
    /// The server's own figures of the case, from its `/metrics`; nil when it was not scraped.
    let serverFigures: ServerCaseFigures?

    /// Counted requests, successful or failed; 0 when the case measured nothing.
    var measuredRequests: Int { successfulRequests + failedRequests }

    /// TPOT of the case: the mean of per-request TPOT, milliseconds.
    var meanTimePerOutputTokenMilliseconds: Double? { latency[.tpot]?.mean }

    /// The original request's throughput: `1000 / TPOT_ms * concurrency`, with `throughputConcurrency`.
    var specThroughput: Double? {
        guard let tpot = meanTimePerOutputTokenMilliseconds, tpot > 0 else { return nil }
        return 1000 / tpot * throughputConcurrency
    }

    /// Measured output throughput: output tokens / wall time.
    var outputThroughput: Double? {
        wallTimeSeconds > 0 ? Double(totalOutputTokens) / wallTimeSeconds : nil
    }

    /// Successful requests / wall time.
    var requestThroughput: Double? {
        wallTimeSeconds > 0 ? Double(successfulRequests) / wallTimeSeconds : nil
    }

    /// Computes the summary of a case from all its records and what they were measured under.
    init(records: [RequestRecord], context: Context) {
        let successes = records.filter(\.isSuccess)
        startedAt = context.startedAt
        startedAtUnixNanoseconds =
            context.startedAtUnixNanoseconds ?? Int64((context.startedAt.timeIntervalSince1970 * 1e9).rounded())
        shardStart = context.shardStart
        caseIndex = context.caseIndex
        step = context.step
        benchmarkCase = context.benchmarkCase
        model = context.model
        turn = context.turn
        turns = context.turn == nil ? Self.turnSummaries(of: records, context: context) : []
        runs = context.point.runs
        wallTimeSeconds = Self.wallTimeSeconds(of: records)
        load = LoadSummary(records: records, point: context.point, slo: context.slo, wallTimeSeconds: wallTimeSeconds)
        concurrency = load.concurrency ?? Int((load.meanConcurrency ?? 0).rounded())
        throughputConcurrency = load.concurrency.map(Double.init) ?? load.meanConcurrency ?? 0
        successfulRequests = successes.count
        failedRequests = records.count - successes.count
        failuresByKind = records.reduce(into: [:]) { counts, record in
            if let kind = record.failure?.kind { counts[kind, default: 0] += 1 }
        }
        attempts = records.reduce(0) { $0 + $1.attempts }
        retriedRequests = records.count { $0.attempts > 1 }
        var latency: [LatencyMetric: Distribution] = [:]
        for metric in LatencyMetric.allCases {
            latency[metric] = metric.distribution(records: records, successes: successes)
        }
        self.latency = latency
        meanReasoningEvents = Self.mean(successes.map(\.reasoningEvents))
        totalOutputTokens = successes.reduce(0) { $0 + $1.outputTokens }
        outputTokens = Distribution(successes.map { Double($0.outputTokens) })
        meanInputTokensServer = Self.mean(successes.compactMap(\.inputTokensReported))
        meanOutputTokensServer = Self.mean(successes.compactMap(\.outputTokensReported))
        meanTokenEvents = Self.mean(successes.map(\.tokenEvents))
        tokensPerEvent = Self.tokensPerEvent(of: successes)
        shortOutputRequests = successes.count { $0.outputTokens < $0.requestedOutputTokens }
        inputMismatchRequests = successes.count { record in
            record.inputTokensReported.map { $0 != record.requestedInputTokens } ?? false
        }
        bufferedStreams = successes.count(where: \.isBufferedStream)
        timestampSource = CaseTimestampSource(records.compactMap(\.streamTimestampSource))
        eventsReadTogetherPercent = Self.eventsReadTogetherPercent(of: successes)
        preparedPromptTokens = context.prompts.tokenRange
        promptSource = context.prompts.source
        promptTokensSource = context.prompts.tokensSource
        isOutputLengthForced = context.lengthControl.sendsLengthFields
        serverTimings = ServerTimingFigures(successes: successes)
        serverFigures =
            context.serverScrapes.isEmpty
            ? nil
            : ServerCaseFigures(
                scrapes: context.serverScrapes,
                client: .init(records: records + context.warmupRecords)
            )
    }

    /// The summary of `runs` waves of `concurrency` requests, without SLOs or prepared prompts
    /// (for tests and benchmarks of the figures).
    public init(
        records: [RequestRecord],
        benchmarkCase: BenchmarkCase,
        caseIndex: Int,
        step: Int = 0,
        model: String,
        runs: Int,
        concurrency: Int,
        startedAt: Date
    ) {
        self.init(
            records: records,
            context: Context(
                caseIndex: caseIndex,
                step: step,
                benchmarkCase: benchmarkCase,
                model: model,
                point: .waves(runs: runs, concurrency: concurrency),
                slo: ServiceLevelObjectives(),
                prompts: PreparedPromptFacts([]),
                lengthControl: OutputLengthControl(sendsLengthFields: false),
                startedAt: startedAt
            )
        )
    }

    /// The figures of each turn index among `records` (none when they are not of sessions): the
    /// same definitions over the requests of that turn; the server's metrics stay the whole case's.
    private static func turnSummaries(of records: [RequestRecord], context: Context) -> [CaseSummary] {
        let byTurn = Dictionary(grouping: records.filter { $0.sessionPosition != nil }) {
            $0.sessionPosition?.turn ?? 0
        }
        return byTurn.keys.sorted().map { turn in
            var turnContext = context
            turnContext.turn = turn
            turnContext.serverScrapes = []
            turnContext.warmupRecords = []
            return CaseSummary(records: byTurn[turn] ?? [], context: turnContext)
        }
    }

    /// From the earliest start to the latest end of `records`, seconds; 0 without both.
    private static func wallTimeSeconds(of records: [RequestRecord]) -> Double {
        guard let start = records.map(\.startOffsetNanoseconds).min(),
            let end = records.map(\.endOffsetNanoseconds).max(), end > start
        else { return 0 }
        return Double(end - start) * 1e-9
    }

    /// `eventsReadTogetherPercent` of `successes`.
    private static func eventsReadTogetherPercent(of successes: [RequestRecord]) -> Double? {
        let streams = successes.filter { $0.tokenEvents >= 2 && !$0.isBufferedStream }
        let gaps = streams.reduce(0) { $0 + $1.tokenEvents - 1 }
        guard gaps > 0 else { return nil }
        return 100 * Double(streams.reduce(0) { $0 + $1.eventsReadTogether }) / Double(gaps)
    }

    /// Server-reported output tokens per token event, over the successes with a server count.
    private static func tokensPerEvent(of successes: [RequestRecord]) -> Double? {
        let counted = successes.filter { $0.outputTokensReported != nil && $0.tokenEvents > 0 }
        let countedEvents = counted.reduce(0) { $0 + $1.tokenEvents }
        guard countedEvents > 0 else { return nil }
        return Double(counted.reduce(0) { $0 + ($1.outputTokensReported ?? 0) }) / Double(countedEvents)
    }

    private static func mean(_ values: [Int]) -> Double? {
        values.isEmpty ? nil : Double(values.reduce(0, +)) / Double(values.count)
    }
}
