import Foundation

/// The request timeline of a run: one row per counted request, from its send to its first token
/// (send + TTFT) and its last byte (send + total), in seconds from the run's first counted send,
/// coloured by the request's mean ITL.
///
/// A long run keeps at most `maximumRows` rows (`Downsampling.timelineRows`): every failure,
/// and successful requests evenly spaced in send order for the rest (only failures, evenly
/// spaced, when they alone are more).
struct RequestTimeline: Sendable, Equatable {
    /// The rows of all timelines of a page together, shared among its runs.
    static let maximumRows = 1500
    /// The fewest rows a run's timeline keeps however many runs share the page.
    static let minimumRows = 200

    /// The most rows of each run's timeline in a page of `runs` runs with requests.
    static func maximumRows(runs: Int) -> Int {
        max(minimumRows, maximumRows / max(1, runs))
    }

    /// In send order.
    var rows: [TimelineRow]
    /// How many counted requests the run has.
    var requestCount: Int
    /// How many of them failed.
    var failedCount: Int

    init(run: ReportRun, maximumRows: Int = Self.maximumRows) {
        let ordered = run.records.enumerated().sorted { lhs, rhs in
            (lhs.element.sendClockNanoseconds, lhs.offset) < (rhs.element.sendClockNanoseconds, rhs.offset)
        }.map(\.element)
        requestCount = ordered.count
        let kept = Downsampling.timelineRows(ordered.map { Self.row(of: $0, in: run) }, maxRows: maximumRows)
        rows = kept.elements
        failedCount = ordered.count { !$0.isSuccess }
    }

    /// Whether some requests were left out.
    var isDownsampled: Bool { rows.count < requestCount }

    /// Says how many requests are drawn, and how they were chosen when not all are.
    var note: String {
        let shown = "\(rows.count) of \(requestCount) requests shown"
        let shownFailures = rows.count { $0.isFailed }
        let chosen =
            !isDownsampled
            ? ""
            : shownFailures < failedCount
                ? ": failed requests only (\(shownFailures) of \(failedCount)), evenly spaced in send order"
                : ": every failure, and successful requests evenly spaced in send order"
        return shown + chosen
            + ". Bars run from send to last byte, the part after the first token coloured by the request's mean ITL;"
            + " time from the run's first counted send (warm-up requests left out)."
    }

    private static func row(of record: RecordSample, in run: ReportRun) -> TimelineRow {
        let send = run.seconds(sinceOrigin: record.sendClockNanoseconds)
        let ttft = record.latencies[.ttft]
        let gaps = record.gaps[.itl] ?? []
        let meanGap = gaps.isEmpty ? nil : gaps.reduce(0, +) / Double(gaps.count)
        var label = record.requestID
        if let ttft { label += String(format: " · TTFT %.2f ms", ttft) }
        label += String(format: " · total %.2f ms", record.totalMilliseconds)
        if let meanGap { label += String(format: " · mean ITL %.2f ms", meanGap) }
        if !record.isSuccess {
            label += " · failed: " + (record.errorKind ?? "unknown")
            if let status = record.httpStatus { label += " (HTTP \(status))" }
        }
        return TimelineRow(
            start: send,
            firstToken: ttft.map { send + $0 / 1000 },
            end: send + record.lastAttemptMilliseconds / 1000,
            isFailed: !record.isSuccess,
            colorValue: meanGap,
            label: label
        )
    }
}
