/// What the simulated server reports on `GET /metrics`, in vLLM v1's terms, kept from its own
/// truth: counters and histograms only grow; `heldTokens` is the KV cache held now.
///
/// Updated at three moments of a request, each O(1) per token: admission (the prompt's KV is
/// taken, the prefix cache is queried), each generated event (tokens counted, TTFT or the gaps
/// observed) and the end (the per-request histograms, the KV given back).
struct SimulatorMetrics: Sendable {
    var promptTokens: UInt64 = 0
    var generationTokens: UInt64 = 0
    /// `request_success_total` by ``FinishedReason`` (indexed as `FinishedReason.allCases`).
    var successes: [UInt64] = Array(repeating: 0, count: FinishedReason.allCases.count)
    /// Always 0: the simulator never preempts a sequence.
    var preemptions: UInt64 = 0
    /// Prompt tokens looked up in the prefix cache at admission (all of each prompt, as vLLM v1
    /// counts them; 0 with the cache off).
    var prefixCacheQueries: UInt64 = 0
    /// Prompt tokens found in the prefix cache at admission.
    var prefixCacheHits: UInt64 = 0
    /// Tokens (prompt and generated so far) of the sequences holding a slot now.
    var heldTokens = 0

    var timeToFirstToken = MetricHistogram(upperBounds: MetricHistogram.timeToFirstTokenBounds)
    var interTokenLatency = MetricHistogram(upperBounds: MetricHistogram.perTokenBounds)
    var timePerOutputToken = MetricHistogram(upperBounds: MetricHistogram.perTokenBounds)
    var endToEnd = MetricHistogram(upperBounds: MetricHistogram.requestLatencyBounds)
    var queue = MetricHistogram(upperBounds: MetricHistogram.requestLatencyBounds)
    var prefill = MetricHistogram(upperBounds: MetricHistogram.requestLatencyBounds)
    var decode = MetricHistogram(upperBounds: MetricHistogram.requestLatencyBounds)
    var promptTokensPerRequest: MetricHistogram
    var generationTokensPerRequest: MetricHistogram

    /// Zeroed metrics; token-count buckets go up to `maxModelLength` as vLLM's do.
    init(maxModelLength: Int) {
        promptTokensPerRequest = MetricHistogram(upperBounds: MetricHistogram.tokenCountBounds(upTo: maxModelLength))
        generationTokensPerRequest = promptTokensPerRequest
    }

    /// A request got its slot: its prompt's KV is held; `queried` of its tokens were looked up in
    /// the prefix cache and `hits` found.
    mutating func recordAdmission(promptTokens: Int, queried: Int, hits: Int) {
        heldTokens += promptTokens
        prefixCacheQueries += UInt64(queried)
        prefixCacheHits += UInt64(hits)
    }

    /// One event's tokens were generated. The first event ends the prefill (the prompt's tokens
    /// count then, and its TTFT); each later event of `k` tokens after a gap `g` counts `k` gaps
    /// of `g / k`, so the gaps of a request sum to its decode time.
    mutating func recordTokens(_ generated: GeneratedTokens, promptTokens: Int, receivedNanoseconds: UInt64) {
        let count = UInt64(generated.count)
        generationTokens += count
        heldTokens += generated.count
        if let previous = generated.previousNanoseconds {
            let gap = Self.seconds(elapsed(from: previous, to: generated.nanoseconds)) / Double(count)
            interTokenLatency.observe(gap, times: count)
        } else {
            self.promptTokens += UInt64(promptTokens)
            timeToFirstToken.observe(Self.seconds(elapsed(from: receivedNanoseconds, to: generated.nanoseconds)))
        }
    }

    /// A request ended: a request that ran gives back its KV and is counted by how it finished,
    /// with its phases observed (see ``RequestTruth``'s phase durations).
    mutating func recordEnd(_ truth: RequestTruth) {
        guard let reason = truth.finishedReason else { return }
        heldTokens -= truth.promptTokens + truth.completionTokens
        successes[FinishedReason.allCases.firstIndex(of: reason) ?? 0] += 1
        let decodeNanoseconds = truth.decodeNanoseconds ?? 0
        endToEnd.observe(Self.seconds(truth.endToEndNanoseconds ?? 0))
        queue.observe(Self.seconds(truth.queueNanoseconds ?? 0))
        prefill.observe(Self.seconds(truth.prefillNanoseconds ?? 0))
        decode.observe(Self.seconds(decodeNanoseconds))
        let perToken =
            truth.completionTokens > 1 ? Self.seconds(decodeNanoseconds) / Double(truth.completionTokens - 1) : 0
        timePerOutputToken.observe(perToken)
        promptTokensPerRequest.observe(Double(truth.promptTokens))
        generationTokensPerRequest.observe(Double(truth.completionTokens))
    }

    static func seconds(_ nanoseconds: UInt64) -> Double {
        Double(nanoseconds) / 1e9
    }
}

/// Tokens generated in one event, for the server's metrics.
struct GeneratedTokens: Sendable, Equatable {
    /// Tokens in the event.
    var count: Int
    /// When they were generated (the event's timestamp when streaming).
    var nanoseconds: UInt64
    /// When the request's previous event was; `nil` for the first.
    var previousNanoseconds: UInt64?
}
