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

    /// `0.25`, `12.5`: milliseconds with up to three decimals.
    static func milliseconds(_ value: Double) -> String {
        JSONObjectWriter.number((value * 1000).rounded() / 1000)
    }
}
