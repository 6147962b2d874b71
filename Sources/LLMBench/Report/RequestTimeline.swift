import Foundation

/// The request timeline of a run: one row per counted request, from its send to its first token
/// (send + TTFT) and its last byte (send + total), in seconds from the run's first counted send,
/// coloured by the request's mean ITL.
///
/// A long run keeps at most `maximumRows` rows: every failure, and successful requests evenly
/// spaced in send order for the rest.
struct RequestTimeline: Sendable, Equatable {
    static let maximumRows = 1500

    /// In send order.
    var rows: [TimelineRow]
    /// How many counted requests the run has.
    var requestCount: Int

    init(run: ReportRun, maximumRows: Int = Self.maximumRows) {
        let ordered = run.records.enumerated().sorted { lhs, rhs in
            (lhs.element.sendClockNanoseconds, lhs.offset) < (rhs.element.sendClockNanoseconds, rhs.offset)
        }.map(\.element)
        requestCount = ordered.count
        rows = Self.kept(ordered, maximumRows: maximumRows).map { Self.row(of: $0, in: run) }
    }

    /// Whether some requests were left out.
    var isDownsampled: Bool { rows.count < requestCount }

    /// Says how many requests are drawn, and how they were chosen when not all are.
    var note: String {
        let shown = "\(rows.count) of \(requestCount) requests shown"
        let chosen = isDownsampled ? ": every failure, and successful requests evenly spaced in send order" : ""
        return shown + chosen
            + ". Bars run from send to last byte, the part after the first token coloured by the request's mean ITL;"
            + " time from the run's first counted send (warm-up requests left out)."
    }

    /// `records` (in send order) cut to `maximumRows`: all failures, successes evenly spaced.
    private static func kept(_ records: [RecordSample], maximumRows: Int) -> [RecordSample] {
        guard records.count > maximumRows else { return records }
        let successes = records.indices.filter { records[$0].isSuccess }
        let room = max(0, maximumRows - (records.count - successes.count))
        var keptSuccesses = Set<Int>()
        if room > 0 {
            let stride = Double(successes.count) / Double(room)
            for slot in 0..<room { keptSuccesses.insert(successes[Int(Double(slot) * stride)]) }
        }
        return records.indices.filter { !records[$0].isSuccess || keptSuccesses.contains($0) }.map { records[$0] }
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
