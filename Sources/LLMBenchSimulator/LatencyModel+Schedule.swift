import LLMBenchSupport

extension LatencyModel {
    /// The time to first token, in milliseconds, before jitter: base plus the prefill of the
    /// `promptTokens` not among the `cachedPromptTokens` found in the prefix cache.
    public func expectedTimeToFirstTokenMilliseconds(promptTokens: Int, cachedPromptTokens: Int = 0) -> Double {
        var milliseconds = baseTimeToFirstTokenMilliseconds
        if prefillTokensPerSecond > 0, prefillTokensPerSecond.isFinite {
            milliseconds += Double(max(promptTokens - cachedPromptTokens, 0)) / prefillTokensPerSecond * 1000
        }
        return milliseconds
    }

    /// One decode step, in milliseconds, before jitter, with `activeSequences` sequences generated at once.
    public func expectedInterTokenMilliseconds(activeSequences: Int) -> Double {
        let others = Double(max(activeSequences - 1, 0))
        return interTokenMilliseconds + interTokenMillisecondsPerActiveSequence * others
    }

    /// Delay from admission to the first token, in nanoseconds, with jitter.
    func timeToFirstTokenNanoseconds(
        promptTokens: Int,
        cachedPromptTokens: Int,
        using generator: inout SeededRandom
    ) -> UInt64 {
        let milliseconds = expectedTimeToFirstTokenMilliseconds(
            promptTokens: promptTokens,
            cachedPromptTokens: cachedPromptTokens
        )
        return Self.nanoseconds(milliseconds * (1 + generator.nextJitter(jitterFraction)))
    }

    /// One decode step with `activeSequences` sequences being generated, in nanoseconds, with jitter.
    func decodeStepNanoseconds(activeSequences: Int, using generator: inout SeededRandom) -> UInt64 {
        let milliseconds = expectedInterTokenMilliseconds(activeSequences: activeSequences)
        return Self.nanoseconds(milliseconds * (1 + generator.nextJitter(jitterFraction)))
    }

    static func nanoseconds(_ milliseconds: Double) -> UInt64 {
        guard milliseconds > 0, milliseconds.isFinite else { return 0 }
        return UInt64(min(milliseconds * 1_000_000, 1e18).rounded())
    }
}

extension SeededRandom {
    /// A uniform draw in `-fraction ... fraction` (0 when `fraction` is 0, without consuming a draw).
    fileprivate mutating func nextJitter(_ fraction: Double) -> Double {
        guard fraction > 0 else { return 0 }
        return (nextUnit() * 2 - 1) * fraction
    }
}
