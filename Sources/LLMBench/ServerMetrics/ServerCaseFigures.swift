/// The server's own figures of one case, read from its `/metrics` in the engine's names
/// (`ServerVocabulary`): counters and histograms from the deltas between each source's first and
/// last scrape of the case, summed over sources and series; gauges over the case's rounds.
///
/// A figure the server does not expose, or that could not be measured (a counter went down), is nil:
/// nothing is guessed. Times are milliseconds; quantiles are bucket estimates (`HistogramEstimate`).
struct ServerCaseFigures: Sendable, Equatable {
    /// What the client counted over the same case, to set beside the server's counts.
    struct ClientCounts: Sendable, Equatable {
        /// Requests that succeeded.
        var requestsFinished: Int
        /// Requests that received at least one output token, failed ones included: each adds one
        /// first token to a server's generated tokens that no decode step after it made.
        var requestsWithOutput: Int
        /// The sum of `usage.prompt_tokens` over the requests it was reported for (for an engine
        /// that counts only the prompt tokens it processed, less the cached ones); nil if never.
        var promptTokens: Int?
        /// The sum of `usage.prompt_tokens_details.cached_tokens` over the requests it was reported for.
        var cachedPromptTokens: Int? = nil
        /// Output tokens received (the server's `usage` count, else token events), all requests.
        var outputTokens: Int
    }

    /// Mean and bucket-estimated p50 and p99 of one latency, milliseconds.
    struct Latency: Sendable, Equatable {
        var mean: Double?
        var p50: Double?
        var p99: Double?
    }

    /// The engine the metrics were recognised as.
    var engine = ServerVocabulary.Engine.unknown
    var client: ClientCounts
    var requestsFinished: Double?
    var promptTokens: Double?
    var generationTokens: Double?
    /// Latencies by histogram; llama.cpp's `tpot` is its generation seconds per generated token.
    var latency: [ServerVocabulary.Histogram: Latency] = [:]
    /// Prompt processing time per prompt token, milliseconds (llama.cpp's counters).
    var promptTimePerTokenMilliseconds: Double?
    var kvCacheUsageMax: Double?
    var kvCacheUsageMean: Double?
    var requestsRunningMax: Double?
    var requestsWaitingMax: Double?
    var preemptions: Double?
    /// Prefix-cache hits / queries over the case, else the mean of the server's own hit-rate gauge.
    var prefixCacheHitRate: Double?
    /// Why figures are empty although the server exposes them, as sentences.
    var notes: [String] = []

    /// The note of a case no round fell within: said in its notes and on the console, not warned
    /// of, since every case shorter than the interval has it.
    static let noRoundDuringTheCase =
        "no scrape fell within the case (shorter than server_metrics.interval_ms, or interval_ms 0), so KV-cache use and requests running and waiting are not measured"

    /// Server − client prompt tokens.
    var promptTokensDifference: Double? {
        guard let promptTokens, let counted = client.promptTokens else { return nil }
        return promptTokens - Double(counted)
    }

    /// Server − client generated tokens.
    var generationTokensDifference: Double? { generationTokens.map { $0 - Double(client.outputTokens) } }

    /// Server − client finished requests.
    var requestsFinishedDifference: Double? { requestsFinished.map { $0 - Double(client.requestsFinished) } }

    /// Reads the figures of a case from its `scrapes` (every source's), with the client's counts.
    init(scrapes: [MetricScrape], client: ClientCounts) {
        self.client = client
        let window = Window(scrapes: scrapes)
        // An engine llm-bench does not know leaves the figures empty (`server_metrics_source`
        // says unknown) and its raw series in the file: nothing is incomplete, so no note.
        guard let vocabulary = ServerVocabulary.recognising(window.names) else { return }
        engine = vocabulary.engine
        if vocabulary.countsProcessedPromptTokensOnly, let prompt = client.promptTokens {
            self.client.promptTokens = prompt - (client.cachedPromptTokens ?? 0)
        }
        if window.hasNoDeltas {
            notes.append("no source was scraped twice in the case, so counters and histograms have no delta")
        }
        if window.hasNoIntervalRounds { notes.append(Self.noRoundDuringTheCase) }
        requestsFinished = read(window.counter(vocabulary.requestsFinished))
        promptTokens = read(window.counter(vocabulary.promptTokens))
        generationTokens = read(window.counter(vocabulary.generationTokens))
        for figure in ServerVocabulary.Histogram.allCases {
            guard let names = vocabulary.histograms[figure], let estimate = read(window.histogram(names)) else {
                continue
            }
            latency[figure] = Latency(
                mean: estimate.mean.map { $0 * 1000 },
                p50: estimate.quantile(0.5).map { $0 * 1000 },
                p99: estimate.quantile(0.99).map { $0 * 1000 }
            )
        }
        // llama.cpp's generation seconds run from each request's first token to its last: per
        // decode step, as the client's TPOT, the steps being the tokens less one per request.
        let decodeSteps = generationTokens.map { $0 - Double(client.requestsWithOutput) }
        if let perToken = perToken(window.counter(vocabulary.generationSeconds), decodeSteps) {
            latency[.tpot] = Latency(mean: perToken)
        }
        promptTimePerTokenMilliseconds = perToken(window.counter(vocabulary.promptSeconds), promptTokens)
        let kvCache = window.gauge(vocabulary.kvCacheUsage, combining: .mean)
        kvCacheUsageMax = kvCache?.max
        kvCacheUsageMean = kvCache?.mean
        requestsRunningMax = window.gauge(vocabulary.requestsRunning, combining: .sum)?.max
        requestsWaitingMax = window.gauge(vocabulary.requestsWaiting, combining: .sum)?.max
        preemptions = read(window.counter(vocabulary.preemptions))
        prefixCacheHitRate = hitRate(window, vocabulary)
    }

    /// The value of `reading`, or nil with a note when the server restarted.
    private mutating func read<Value: Sendable>(_ reading: Window.Reading<Value>) -> Value? {
        switch reading {
        case .absent: return nil
        case .value(let value): return value
        case .reset(let name):
            notes.append(
                "\(name) went down during the case (did the server restart?), so its figures are left empty"
            )
            return nil
        }
    }

    /// Milliseconds per token from a counter of seconds and its tokens' (or steps') count; nil without any.
    private mutating func perToken(_ seconds: Window.Reading<Double>, _ tokens: Double?) -> Double? {
        guard let seconds = read(seconds), let tokens, tokens > 0 else { return nil }
        return seconds / tokens * 1000
    }

    private mutating func hitRate(_ window: Window, _ vocabulary: ServerVocabulary) -> Double? {
        let hits = read(window.counter(vocabulary.prefixCacheHits))
        let queries = read(window.counter(vocabulary.prefixCacheQueries))
        if let hits, let queries, queries > 0 { return hits / queries }
        return window.gauge(vocabulary.prefixCacheHitRate, combining: .mean)?.mean
    }
}
