import Foundation

/// Turns the engine's events into the console's text: progress on stderr (a live line on a
/// terminal, plain lines otherwise) and each case's figures on stdout.
///
/// Pure: it returns what to write and keeps only the progress of the current case; the command
/// line writes the text, redacted.
public struct ConsoleRenderer: Sendable {
    /// How progress is shown.
    public enum Style: Sendable {
        /// A live progress line, redrawn in place.
        case terminal
        /// A plain line per finished run, for logs and pipes.
        case plain
        /// Nothing at all.
        case silent
    }

    /// Text for one of the two streams.
    public struct Output: Sendable, Equatable {
        /// Where the text goes.
        public enum Stream: Sendable {
            /// Diagnostics and progress.
            case standardError
            /// Results.
            case standardOutput
        }

        /// Where the text goes.
        public var stream: Stream
        /// The text, newlines included, not yet redacted.
        public var text: String
    }

    /// How progress is shown.
    public let style: Style
    private var caseLabel = ""
    private var requestsInCase: Int?
    /// What the case's requests are called in the progress: `requests`, or `turns` of sessions.
    private var unitInCase = "requests"
    private var finishedInCase = 0
    private var failedInCase = 0
    private var lastDraw: ContinuousClock.Instant?
    private var hasLiveLine = false

    /// A renderer of `style`.
    public init(style: Style) {
        self.style = style
    }

    /// The text `event` shows, at `now` (a live line is redrawn at most every 100 ms).
    public mutating func render(_ event: BenchmarkEvent, at now: ContinuousClock.Instant = .now) -> [Output] {
        guard style != .silent else { return [] }
        switch event {
        case .caseStarted(let start):
            return caseStarted(start)
        case .requestFinished(let record):
            return requestFinished(record, at: now)
        case .runFinished(let run, let runs):
            guard style == .plain else { return [] }
            return info(
                "\(caseLabel): run \(run)/\(runs) done, \(finishedInCase)\(requestsInCase.map { "/\($0)" } ?? "") \(unitInCase), \(failedInCase) failed"
            )
        case .caseFinished(let summary):
            return clearLiveLine() + [Output(stream: .standardOutput, text: ConsoleSummary.caseBlock(summary))]
        case .sweepFinished(let outcome):
            return clearLiveLine() + [Output(stream: .standardOutput, text: Self.sweepLine(outcome))]
        case .warning(let warning):
            return info("warning: \(warning)")
        default:
            guard let note = Self.note(event) else { return [] }
            return info(note)
        }
    }

    /// The table of all cases and where the files are.
    public mutating func finished(_ report: BenchmarkReport) -> [Output] {
        guard style != .silent else { return [] }
        return clearLiveLine() + [Output(stream: .standardOutput, text: ConsoleSummary.finished(report))]
    }

    /// The line of an event that only informs, or nil for one shown as nothing.
    static func note(_ event: BenchmarkEvent) -> String? {
        switch event {
        case .phaseStarted(.prompts):
            "Phase 1: preparing prompts (untimed)."
        case .seedChosen(let seed):
            "Seed \(seed) (set seed: \(seed) in the config to repeat these prompts)."
        case .promptMethodChosen(let method):
            "  Text: \(method.origin), lengths measured by \(method.lengthsMeasuredBy)\(method.specialTokens > 0 ? ", \(method.specialTokens) special token(s) per prompt" : "")."
        case .promptsPrepared(let p):
            "  \(p.workload): \(p.count) prompt(s), \(p.fromCache) from cache, lengths \(p.shortest)–\(p.longest)\(p.inexact > 0 ? " (\(p.inexact) not exact: the closest the server's tokenizer allows)" : "")."
        case .connectionsOpened(let count, let p50, let max):
            String(format: "Opened %d connections before timing (connect p50 %.2f ms, max %.2f ms).", count, p50, max)
        case .liveMetricsStarted(let address):
            "Live metrics at \(address.url) until the run ends."
        case .serverMetricsOn(let urls, let interval):
            "Reading the server's metrics from \(urls.joined(separator: ", ")) "
                + (interval > 0 ? "every \(interval) ms during each case." : "at each case's start and end.")
        case .warmupStarted(let requests, true):
            "Warming the server up with \(requests) request(s) first, not counted (set load.warmup per case; 0 turns it off)."
        default:
            nil
        }
    }

    static func sweepLine(_ outcome: SweepOutcome) -> String {
        let steps = outcome.steps.map(String.init).joined(separator: ", ")
        let verdict =
            outcome.bestConcurrency.map { best in
                outcome.isSaturated
                    ? "throughput stops growing beyond concurrency \(best) (saturation; the SLOs still held there)"
                    : "highest concurrency within the SLOs: \(best)"
            } ?? "no concurrency met the SLOs"
        return "\nSweep of case \(outcome.caseIndex + 1) (measured at \(steps)): \(verdict)\n"
    }

    private mutating func caseStarted(_ start: CaseStart) -> [Output] {
        let c = start.benchmarkCase
        caseLabel =
            "case \(start.caseIndex + 1)/\(start.caseCount) (\(c.inputTokens) in, \(c.outputTokens) out, \(start.point))"
        let requests = start.point.requestCount
        finishedInCase = 0
        failedInCase = 0
        if case .sessions = c.workload {
            // The turns a session sends are known only as it runs: its count is of sessions.
            requestsInCase = nil
            unitInCase = "turns"
            return info(
                "Running \(caseLabel): \(requests.map { "\($0) sessions" } ?? "sessions until the duration ends")."
            )
        }
        requestsInCase = requests
        unitInCase = "requests"
        return info("Running \(caseLabel): \(requests.map { "\($0) requests" } ?? "requests until the duration ends").")
    }

    private mutating func requestFinished(_ record: RequestRecord, at now: ContinuousClock.Instant) -> [Output] {
        guard !record.isWarmup else {
            guard !record.isSuccess, let failure = record.failure else { return [] }
            return info("warm-up request \(record.requestID) failed (not counted): \(failure)")
        }
        finishedInCase += 1
        var output: [Output] = []
        if !record.isSuccess {
            failedInCase += 1
            if failedInCase <= 5, let failure = record.failure {
                output += info("request \(record.requestID) failed after \(record.attempts) attempt(s): \(failure)")
            }
        }
        guard style == .terminal else { return output }
        if let lastDraw, now - lastDraw < .milliseconds(100), finishedInCase < requestsInCase ?? Int.max {
            return output
        }
        lastDraw = now
        let line =
            "\(caseLabel): \(finishedInCase)\(requestsInCase.map { "/\($0)" } ?? "") \(unitInCase), \(failedInCase) failed"
        hasLiveLine = true
        return output + [Output(stream: .standardError, text: "\r\u{1B}[2K" + line)]
    }

    /// A diagnostic line on stderr (nothing when silent).
    public mutating func info(_ message: String) -> [Output] {
        guard style != .silent else { return [] }
        return clearLiveLine() + [Output(stream: .standardError, text: message + "\n")]
    }

    private mutating func clearLiveLine() -> [Output] {
        guard hasLiveLine else { return [] }
        hasLiveLine = false
        return [Output(stream: .standardError, text: "\r\u{1B}[2K")]
    }
}
