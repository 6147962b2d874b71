import Foundation

extension ConsoleSummary {
    /// The client line of a case block: which clock the figures use, with kernel stamps the
    /// client's own lag (p50, p99, max), and the share of events read together with the one
    /// before them when there are any; nil when nothing streamed.
    static func clientLine(_ summary: CaseSummary) -> String? {
        guard let source = summary.timestampSource else { return nil }
        let lag = summary.latency[.clientLag].map { d in
            String(format: "own lag p50 %.3f  p99 %.3f  max %.3f ms", d.p50, d.p99, d.max)
        }
        let together =
            summary.eventsReadTogetherPercent.flatMap { percent in
                percent > 0 ? String(format: "; %.2f %% of events read with the one before", percent) : nil
            } ?? ""
        switch source {
        case .kernel:
            return "  client     " + (lag.map { $0 + ", " } ?? "") + "kernel receive timestamps" + together
        case .user:
            return "  client     user-space timestamps: the figures include the client's own delay" + together
        case .mixed:
            return "  client     " + (lag.map { $0 + " where kernel-stamped, " } ?? "")
                + "timestamps mixed: the figures of user-stamped streams include the client's own delay" + together
        }
    }
}
