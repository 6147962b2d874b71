extension RequestRecord {
    /// A field of a requests-file line that a record is read from; the others (the figures
    /// derived from these, such as `tpot_ms`) are passed over.
    private enum Field: Sendable {
        case caseIndex, step, inputTokens, outputTokens, run, index, requestID, session, turn, turnsNotSent
        case status, errorKind, httpStatus, error, attempts, warmup
        case scheduledOffset, startOffset, sendOffset, endOffset, sendClock, total, decode
        case outputTokensCounted, outputTokensServer, inputTokensServer, reasoningEvents, finishReason
        case doneMarker, bufferedStream, eventsReadTogether, cachedTokens, timings
        /// A measured latency, `<columnPrefix>_ms` (one value or, per event, an array).
        case latency(LatencyMetric)
    }

    /// Every field a record is read from, by its name in the file; the measured latencies as
    /// `LatencyMetric` declares them (those it derives from other fields are not read).
    private static let fields: [String: Field] = {
        var fields: [String: Field] = [
            "case": .caseIndex, "step": .step, "input_tokens": .inputTokens, "output_tokens": .outputTokens,
            "run": .run, "index": .index, "request_id": .requestID, "session": .session, "turn": .turn,
            "turns_not_sent": .turnsNotSent, "status": .status, "error_kind": .errorKind,
            "http_status": .httpStatus, "error": .error, "attempts": .attempts, "warmup": .warmup,
            "scheduled_offset_ms": .scheduledOffset, "start_offset_ms": .startOffset,
            "send_offset_ms": .sendOffset, "end_offset_ms": .endOffset, "send_clock_ns": .sendClock,
            "total_ms": .total, "decode_ms": .decode, "output_tokens_counted": .outputTokensCounted,
            "output_tokens_server": .outputTokensServer, "input_tokens_server": .inputTokensServer,
            "reasoning_events": .reasoningEvents, "finish_reason": .finishReason, "done_marker": .doneMarker,
            "buffered_stream": .bufferedStream, "events_read_together": .eventsReadTogether,
            "cached_tokens": .cachedTokens, "timings": .timings,
        ]
        for metric in LatencyMetric.allCases where metric.recordSlot != nil {
            let isMeasured =
                switch metric.values {
                case .duration(let path): path is WritableKeyPath<RequestRecord, UInt64?>
                case .durations(let path): path is WritableKeyPath<RequestRecord, DurationList>
                case .fraction: false
                }
            if isMeasured { fields[metric.columnPrefix + "_ms"] = .latency(metric) }
        }
        return fields
    }()

    /// The fields without which a line is not a whole record of this version's requests file.
    private static let requiredFields = [
        "case", "step", "run", "index", "request_id", "status", "attempts", "start_offset_ms", "send_offset_ms",
        "end_offset_ms", "total_ms", "decode_ms", "output_tokens_counted",
    ]

    /// Reads one line of a requests file as the record it was written from (`jsonLine`): every
    /// time to the nanosecond, the figures derived from them made again from them. A failure's
    /// message is the one the file holds (already redacted).
    static func scanning(_ scanner: inout JSONLineScanner) throws(JSONLineScanner.Failure) -> RequestRecord {
        var record = RequestRecord(
            caseIndex: 0,
            run: 0,
            index: 0,
            requestID: "",
            requestedInputTokens: 0,
            requestedOutputTokens: 0
        )
        var seen: Set<String> = []
        var session: Int?
        var turn: Int?
        var isSuccess = true
        var failureKind: FailureKind?
        var failure = RequestFailure(kind: .connect, message: "")
        var cachedTokens: Int?
        var timings = ServerTimings()
        try scanner.object { (name, scanner) throws(JSONLineScanner.Failure) in
            guard let field = fields[name] else { return try scanner.skipValue() }
            seen.insert(name)
            switch field {
            case .caseIndex: record.caseIndex = try whole(&scanner)
            case .step: record.step = try whole(&scanner)
            case .inputTokens: record.requestedInputTokens = try whole(&scanner)
            case .outputTokens: record.requestedOutputTokens = try whole(&scanner)
            case .run: record.run = try whole(&scanner)
            case .index: record.index = try whole(&scanner)
            case .requestID: record.requestID = try scanner.string()
            case .session: session = try whole(&scanner)
            case .turn: turn = try whole(&scanner)
            case .turnsNotSent: record.turnsNotSent = try whole(&scanner)
            case .status: isSuccess = try scanner.string() == "ok"
            case .errorKind:
                if !scanner.takeNull() {
                    let kind = try scanner.string()
                    guard let known = FailureKind(rawValue: kind) else {
                        throw scanner.failure("its error_kind \(kind) is not one llm-bench writes")
                    }
                    failureKind = known
                }
            case .httpStatus: failure.httpStatus = scanner.takeNull() ? nil : try whole(&scanner)
            case .error: failure.message = scanner.takeNull() ? "" : try scanner.string()
            case .attempts: record.attempts = try whole(&scanner)
            case .warmup: record.isWarmup = try scanner.boolean()
            case .scheduledOffset: record.scheduledOffsetNanoseconds = try optionalNanoseconds(&scanner)
            case .startOffset: record.startOffsetNanoseconds = try nanoseconds(&scanner)
            case .sendOffset: record.sendOffsetNanoseconds = try nanoseconds(&scanner)
            case .endOffset: record.endOffsetNanoseconds = try nanoseconds(&scanner)
            case .sendClock: record.sendClockNanoseconds = UInt64(clamping: try scanner.integer())
            case .total: record.totalNanoseconds = try nanoseconds(&scanner)
            case .decode: record.decodeNanoseconds = try optionalNanoseconds(&scanner)
            case .outputTokensCounted: record.tokenEvents = try whole(&scanner)
            case .outputTokensServer: record.outputTokensReported = try optionalWhole(&scanner)
            case .inputTokensServer: record.inputTokensReported = try optionalWhole(&scanner)
            case .reasoningEvents: record.reasoningEvents = try whole(&scanner)
            case .finishReason: record.finishReason = scanner.takeNull() ? nil : try scanner.string()
            case .doneMarker: record.sawDoneMarker = try scanner.boolean()
            case .bufferedStream: record.isBufferedStream = try scanner.boolean()
            case .eventsReadTogether: record.eventsReadTogether = try whole(&scanner)
            case .cachedTokens: cachedTokens = try optionalWhole(&scanner)
            case .timings: timings = try serverTimings(&scanner)
            case .latency(let metric): try read(metric, from: &scanner, into: &record)
            }
        }
        guard scanner.isAtEnd() else { throw scanner.failure("text after the record") }
        if let missing = requiredFields.first(where: { !seen.contains($0) }) {
            throw JSONLineScanner.Failure(
                reason: "it has no \"\(missing)\": it was not written by this version of llm-bench",
                offset: nil
            )
        }
        guard (session == nil) == (turn == nil) else {
            throw JSONLineScanner.Failure(reason: "it has a \"session\" or a \"turn\" without the other", offset: nil)
        }
        if let session, let turn { record.sessionPosition = SessionPosition(session: session, turn: turn) }
        if !isSuccess {
            guard let failureKind else {
                throw JSONLineScanner.Failure(reason: "it failed but has no \"error_kind\"", offset: nil)
            }
            failure.kind = failureKind
            record.failure = failure
        }
        if cachedTokens != nil || !timings.isEmpty {
            record.serverReport = ServerReport(cachedPromptTokens: cachedTokens, timings: timings)
        }
        return record
    }

    /// Reads the value of `metric`, a latency the record measured, into `record`.
    private static func read(
        _ metric: LatencyMetric,
        from scanner: inout JSONLineScanner,
        into record: inout RequestRecord
    ) throws(JSONLineScanner.Failure) {
        switch metric.values {
        case .duration(let path):
            guard let path = path as? WritableKeyPath<RequestRecord, UInt64?> else { return try scanner.skipValue() }
            record[keyPath: path] = try optionalNanoseconds(&scanner)
        case .durations(let path):
            guard let path = path as? WritableKeyPath<RequestRecord, DurationList> else {
                return try scanner.skipValue()
            }
            var values: [Double] = []
            try scanner.numbers(into: &values)
            record[keyPath: path] = DurationList(
                try values.map { (value: Double) throws(JSONLineScanner.Failure) in
                    try nanoseconds(fromMilliseconds: value)
                }
            )
        case .fraction: try scanner.skipValue()
        }
    }

    /// The server's `timings` object as the record wrote it.
    private static func serverTimings(_ scanner: inout JSONLineScanner) throws(JSONLineScanner.Failure)
        -> ServerTimings
    {
        var timings = ServerTimings()
        try scanner.object { (name, scanner) throws(JSONLineScanner.Failure) in
            switch name {
            case "prompt_n": timings.promptTokens = try whole(&scanner)
            case "prompt_ms": timings.promptMilliseconds = try scanner.number()
            case "predicted_n": timings.predictedTokens = try whole(&scanner)
            case "predicted_ms": timings.predictedMilliseconds = try scanner.number()
            default: try scanner.skipValue()
            }
        }
        return timings
    }

    /// Milliseconds as the file writes them (exact to the nanosecond), in nanoseconds.
    private static func nanoseconds(_ scanner: inout JSONLineScanner) throws(JSONLineScanner.Failure) -> UInt64 {
        try nanoseconds(fromMilliseconds: try scanner.number())
    }

    private static func optionalNanoseconds(_ scanner: inout JSONLineScanner) throws(JSONLineScanner.Failure)
        -> UInt64?
    {
        scanner.takeNull() ? nil : try nanoseconds(&scanner)
    }

    /// `milliseconds` in whole nanoseconds; a negative time or one beyond any run is refused.
    private static func nanoseconds(fromMilliseconds milliseconds: Double) throws(JSONLineScanner.Failure) -> UInt64 {
        guard milliseconds >= 0, milliseconds <= RecordSample.largestTime else {
            throw JSONLineScanner.Failure(
                reason: "it holds the time \(milliseconds) ms, not one from 0 to any run's length (1e12 ms)",
                offset: nil
            )
        }
        return UInt64((milliseconds * 1e6).rounded())
    }

    private static func whole(_ scanner: inout JSONLineScanner) throws(JSONLineScanner.Failure) -> Int {
        Int(try scanner.integer())
    }

    private static func optionalWhole(_ scanner: inout JSONLineScanner) throws(JSONLineScanner.Failure) -> Int? {
        scanner.takeNull() ? nil : try whole(&scanner)
    }
}
