extension BenchmarkWarning {
    /// The client lag p99 above which a case warns that the client limited the measurement, in
    /// milliseconds: a quarter of a typical 20 ms inter-token gap, and several times the lag a
    /// client that keeps up shows on a busy machine (tens to hundreds of microseconds), so it
    /// names a client that fell behind, not scheduling noise.
    static let clientLagThresholdMilliseconds = 5.0

    /// The warning of a case whose client lag p99 exceeds `clientLagThresholdMilliseconds`, or nil.
    static func clientLagged(in summary: CaseSummary) -> BenchmarkWarning? {
        guard let lag = summary.latency[.clientLag], lag.p99 > clientLagThresholdMilliseconds else { return nil }
        return .clientLagged(caseIndex: summary.caseIndex, p99Milliseconds: lag.p99, maxMilliseconds: lag.max)
    }

    /// The sentence of `clientLagged`.
    static func clientLagText(caseIndex: Int, p99Milliseconds: Double, maxMilliseconds: Double) -> String {
        let p99 = milliseconds(p99Milliseconds)
        let max = milliseconds(maxMilliseconds)
        let threshold = milliseconds(clientLagThresholdMilliseconds)
        return "case \(caseIndex + 1): the client read token events \(p99) ms after the kernel received them at p99 "
            + "(max \(max) ms; above \(threshold) ms): the client, not the server, limited what was measured. "
            + "The stream timings use kernel receive times and stay exact, but the client's sends and reads were "
            + "late; give it more cores (client_threads) or a less loaded machine."
    }

    /// The share of token events read together with the one before them above which a case warns,
    /// in percent: beyond 1 % the ITL p99 can be one of those unmeasured gaps.
    static let eventsReadTogetherThresholdPercent = 1.0

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
