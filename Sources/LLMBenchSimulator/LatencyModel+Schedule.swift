extension LatencyModel {
    /// Delay from admission to the first token, in nanoseconds.
    func timeToFirstTokenNanoseconds(promptTokens: Int, using generator: inout SeededGenerator) -> UInt64 {
        var milliseconds = baseTimeToFirstTokenMilliseconds
        if prefillTokensPerSecond > 0, prefillTokensPerSecond.isFinite {
            milliseconds += Double(promptTokens) / prefillTokensPerSecond * 1000
        }
        return Self.nanoseconds(milliseconds * (1 + generator.nextJitter(jitterFraction)))
    }

    /// One decode step with `activeSequences` sequences being generated, in nanoseconds.
    func decodeStepNanoseconds(activeSequences: Int, using generator: inout SeededGenerator) -> UInt64 {
        let others = Double(max(activeSequences - 1, 0))
        let milliseconds = interTokenMilliseconds + interTokenMillisecondsPerActiveSequence * others
        return Self.nanoseconds(milliseconds * (1 + generator.nextJitter(jitterFraction)))
    }

    /// Whether every delay is zero, so events go out as fast as the connection takes them.
    var isInstant: Bool {
        baseTimeToFirstTokenMilliseconds == 0 && interTokenMilliseconds == 0
            && interTokenMillisecondsPerActiveSequence == 0
            && (prefillTokensPerSecond == 0 || prefillTokensPerSecond.isInfinite)
    }

    static func nanoseconds(_ milliseconds: Double) -> UInt64 {
        guard milliseconds > 0, milliseconds.isFinite else { return 0 }
        return UInt64(min(milliseconds * 1_000_000, 1e18).rounded())
    }
}
