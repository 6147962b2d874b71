/// How long the simulated server takes to produce tokens.
///
/// On admission a request's first token is due after
/// `baseTimeToFirstTokenMilliseconds + (promptTokens - cachedPromptTokens) / prefillTokensPerSecond * 1000`
/// ms, where `cachedPromptTokens` are the prompt's leading tokens found in the prefix cache
/// (``PrefixCacheOptions``; 0 with it off); every further
/// token after one decode step of
/// `interTokenMilliseconds + interTokenMillisecondsPerActiveSequence * (activeSequences - 1)` ms,
/// computed with the number of sequences active at that step, so the server slows down with load.
/// Each delay is multiplied by `1 + u` with `u` uniform in `±jitterFraction`, drawn from a generator
/// seeded by ``seed`` and the request's arrival index. At most ``maxConcurrentSequences`` requests
/// are generated at once; the others wait in a FIFO queue.
public struct LatencyModel: Sendable, Equatable {
    /// Fixed part of the time to first token, in milliseconds.
    public var baseTimeToFirstTokenMilliseconds: Double
    /// Prompt processing speed; `.infinity` (or `0`) makes prefill free.
    public var prefillTokensPerSecond: Double
    /// Decode step when one sequence is active, in milliseconds.
    public var interTokenMilliseconds: Double
    /// Added to each decode step per other sequence active at the same time, in milliseconds.
    public var interTokenMillisecondsPerActiveSequence: Double
    /// Sequences generated at once; further requests wait in a FIFO queue. `Int.max` is unlimited.
    public var maxConcurrentSequences: Int
    /// Relative uniform jitter (±) applied to each delay; `0` for none.
    public var jitterFraction: Double
    /// Seed of the jitter, EOS and word generators.
    public var seed: UInt64

    /// Creates a latency model; the defaults resemble a mid-sized model on one GPU.
    public init(
        baseTimeToFirstTokenMilliseconds: Double = 25,
        prefillTokensPerSecond: Double = 8000,
        interTokenMilliseconds: Double = 12,
        interTokenMillisecondsPerActiveSequence: Double = 0.08,
        maxConcurrentSequences: Int = 256,
        jitterFraction: Double = 0.05,
        seed: UInt64 = 42
    ) {
        self.baseTimeToFirstTokenMilliseconds = baseTimeToFirstTokenMilliseconds
        self.prefillTokensPerSecond = prefillTokensPerSecond
        self.interTokenMilliseconds = interTokenMilliseconds
        self.interTokenMillisecondsPerActiveSequence = interTokenMillisecondsPerActiveSequence
        self.maxConcurrentSequences = maxConcurrentSequences
        self.jitterFraction = jitterFraction
        self.seed = seed
    }

    /// A fixed schedule: no jitter, no load dependence, no prefill cost and unlimited concurrency.
    public static func deterministic(
        timeToFirstTokenMilliseconds: Double,
        interTokenMilliseconds: Double
    ) -> LatencyModel {
        LatencyModel(
            baseTimeToFirstTokenMilliseconds: timeToFirstTokenMilliseconds,
            prefillTokensPerSecond: .infinity,
            interTokenMilliseconds: interTokenMilliseconds,
            interTokenMillisecondsPerActiveSequence: 0,
            maxConcurrentSequences: .max,
            jitterFraction: 0
        )
    }

    /// No delays at all: events are written as fast as the connection takes them, one per token.
    public static let instant: LatencyModel = .deterministic(timeToFirstTokenMilliseconds: 0, interTokenMilliseconds: 0)
}

extension LatencyModel {
    func validate() throws(SimulatorError) {
        let nonNegative: [(String, Double)] = [
            ("latency.baseTimeToFirstTokenMilliseconds", baseTimeToFirstTokenMilliseconds),
            ("latency.prefillTokensPerSecond", prefillTokensPerSecond),
            ("latency.interTokenMilliseconds", interTokenMilliseconds),
            ("latency.interTokenMillisecondsPerActiveSequence", interTokenMillisecondsPerActiveSequence),
        ]
        for (name, value) in nonNegative where value.isNaN || value < 0 {
            throw .invalidOption(name: name, value: "\(value)", reason: "it must be zero or more")
        }
        if maxConcurrentSequences < 1 {
            throw .invalidOption(
                name: "latency.maxConcurrentSequences",
                value: "\(maxConcurrentSequences)",
                reason: "it must be at least 1"
            )
        }
        if !(0..<1).contains(jitterFraction) {
            throw .invalidOption(
                name: "latency.jitterFraction",
                value: "\(jitterFraction)",
                reason: "it must be in 0 ..< 1"
            )
        }
    }
}
