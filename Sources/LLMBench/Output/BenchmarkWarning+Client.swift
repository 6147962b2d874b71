extension BenchmarkWarning {
    /// The client lag p99 above which a case warns that the client limited the measurement, in
    /// milliseconds: half the case's median gap between token events (a client that late is
    /// near reading two events of a stream at once, and its next requests leave that late), at
    /// least 2 ms, so the few milliseconds a client takes to drain a burst of a thousand events
    /// are not named; 5 ms where the case has no gaps.
    static func clientLagThresholdMilliseconds(medianGapMilliseconds: Double?) -> Double {
        max(2, (medianGapMilliseconds ?? 10) / 2)
    }

    /// The warning of a case whose client lag p99 exceeds its threshold, or nil.
    static func clientLagged(in summary: CaseSummary) -> BenchmarkWarning? {
        let threshold = clientLagThresholdMilliseconds(medianGapMilliseconds: summary.latency[.itl]?.p50)
        guard let lag = summary.latency[.clientLag], lag.p99 > threshold else { return nil }
        return .clientLagged(
            caseIndex: summary.caseIndex,
            p99Milliseconds: lag.p99,
            maxMilliseconds: lag.max,
            thresholdMilliseconds: threshold
        )
    }

    /// The sentence of `clientLagged`.
    static func clientLagText(
        caseIndex: Int,
        p99Milliseconds: Double,
        maxMilliseconds: Double,
        thresholdMilliseconds: Double
    ) -> String {
        let p99 = milliseconds(p99Milliseconds)
        let max = milliseconds(maxMilliseconds)
        let threshold = milliseconds(thresholdMilliseconds)
        return "case \(caseIndex + 1): the client read token events \(p99) ms after the kernel received them at p99 "
            + "(max \(max) ms; above \(threshold) ms, half the median gap between token events, at least 2 ms): "
            + "the client, not the server, limited what was measured. "
            + "The stream timings use kernel receive times and stay exact, but the client's sends and reads were "
            + "late; give it more cores (client_threads) or a less loaded machine."
    }

    /// The share of token events read together with the one before them above which a case warns,
    /// in percent: each such event puts two gaps off (its own, about 0, and the one before it,
    /// both together), so beyond 0.5 % of the events the ITL p99 can be one of them.
    static let eventsReadTogetherThresholdPercent = 0.5

    /// The warning of a case whose `eventsReadTogetherPercent` exceeds the threshold, or nil.
    static func eventsReadTogether(in summary: CaseSummary) -> BenchmarkWarning? {
        guard let percent = summary.eventsReadTogetherPercent, percent > eventsReadTogetherThresholdPercent else {
            return nil
        }
        return .eventsReadTogether(
            caseIndex: summary.caseIndex,
            percent: percent,
            clientLagMaxMilliseconds: summary.latency[.clientLag]?.max
        )
    }

    /// The sentence of `eventsReadTogether`.
    static func eventsReadTogetherText(caseIndex: Int, percent: Double, clientLagMaxMilliseconds: Double?) -> String {
        let lag = clientLagMaxMilliseconds.map { ", its lag reached \(milliseconds($0)) ms" } ?? ""
        return "case \(caseIndex + 1): \(milliseconds(percent)) % of token events came in one socket read with the "
            + "event before them: those gaps are not measured (about 0 ms, the gap before counts both), so ITL "
            + "percentiles near that share are not the server's. The server wrote them together or the client read "
            + "late (busy or off its core\(lag)): give the client more cores (client_threads) or a quieter machine, "
            + "or see whether the server batches its writes."
    }

    /// `0.25`, `12.5`: milliseconds with up to three decimals.
    static func milliseconds(_ value: Double) -> String {
        JSONObjectWriter.number((value * 1000).rounded() / 1000)
    }
}
