extension RecordSample {
    /// A field of a requests-file line that a sample holds.
    private enum Field {
        case caseIndex, step, run, index, session, turn, requestID, status, warmup, errorKind, httpStatus
        case inputTokens, outputTokens, sendClock, startOffset, sendOffset, endOffset, scheduledOffset, total
        case outputTokensCounted, outputTokensServer, inputTokensServer, finishReason
        /// A one-value latency, `<columnPrefix>_ms`.
        case latency(LatencyMetric)
        /// A per-event latency, `<columnPrefix>_ms` as an array.
        case gaps(LatencyMetric)
    }

    /// Every field a sample reads, by its name in the file; the latencies as `LatencyMetric`
    /// says the file writes them.
    private static let fields: [String: Field] = {
        var fields: [String: Field] = [
            "case": .caseIndex, "step": .step, "run": .run, "index": .index, "session": .session,
            "turn": .turn, "request_id": .requestID,
            "status": .status, "warmup": .warmup, "error_kind": .errorKind, "http_status": .httpStatus,
            "input_tokens": .inputTokens, "output_tokens": .outputTokens, "send_clock_ns": .sendClock,
            "start_offset_ms": .startOffset, "send_offset_ms": .sendOffset,
            "end_offset_ms": .endOffset, "scheduled_offset_ms": .scheduledOffset,
            "total_ms": .total, "output_tokens_counted": .outputTokensCounted,
            "output_tokens_server": .outputTokensServer, "input_tokens_server": .inputTokensServer,
            "finish_reason": .finishReason,
        ]
        for metric in LatencyMetric.allCases where metric.recordSlot != nil {
            switch metric.values {
            case .duration, .fraction: fields[metric.columnPrefix + "_ms"] = .latency(metric)
            case .durations: fields[metric.columnPrefix + "_ms"] = .gaps(metric)
            }
        }
        return fields
    }()

    /// Reads one line of a requests file (one JSON object); unknown fields are passed over. A line
    /// without `step` (written before records had one) takes it from its request id.
    ///
    /// - Returns: the sample and whether the line had a `step` field.
    static func scanning(_ scanner: inout JSONLineScanner) throws(JSONLineScanner.Failure) -> (Self, hasStep: Bool) {
        var caseIndex: Int?
        var step: Int?
        var run: Int?
        var index: Int?
        var session: Int?
        var turn: Int?
        var requestID: String?
        var isSuccess: Bool?
        var isWarmup: Bool?
        var errorKind: String?
        var httpStatus: Int?
        var inputTokens: Int?
        var outputTokens: Int?
        var sendClock: Int64?
        var startOffset: Double?
        var sendOffset: Double?
        var endOffset: Double?
        var scheduledOffset: Double?
        var total: Double?
        var counted: Int?
        var outputTokensServer: Int?
        var inputTokensServer: Int?
        var finishReason: String?
        var latencies: [LatencyMetric: Double] = [:]
        var gaps: [LatencyMetric: [Double]] = [:]

        try scanner.object { (name, scanner) throws(JSONLineScanner.Failure) in
            guard let field = fields[name] else { return try scanner.skipValue() }
            switch field {
            case .caseIndex: caseIndex = try whole(&scanner)
            case .step: step = try whole(&scanner)
            case .run: run = try whole(&scanner)
            case .index: index = try whole(&scanner)
            case .session: session = try whole(&scanner)
            case .turn: turn = try whole(&scanner)
            case .requestID: requestID = try scanner.string()
            case .status: isSuccess = try scanner.string() == "ok"
            case .warmup: isWarmup = try scanner.boolean()
            case .errorKind: errorKind = scanner.takeNull() ? nil : try scanner.string()
            case .httpStatus: httpStatus = scanner.takeNull() ? nil : try whole(&scanner)
            case .inputTokens: inputTokens = try whole(&scanner)
            case .outputTokens: outputTokens = try whole(&scanner)
            case .sendClock: sendClock = try scanner.integer()
            case .startOffset: startOffset = try scanner.number()
            case .sendOffset: sendOffset = try scanner.number()
            case .endOffset: endOffset = try scanner.number()
            case .scheduledOffset: scheduledOffset = scanner.takeNull() ? nil : try scanner.number()
            case .total: total = try scanner.number()
            case .outputTokensCounted: counted = try whole(&scanner)
            case .outputTokensServer: outputTokensServer = scanner.takeNull() ? nil : try whole(&scanner)
            case .inputTokensServer: inputTokensServer = scanner.takeNull() ? nil : try whole(&scanner)
            case .finishReason: finishReason = scanner.takeNull() ? nil : try scanner.string()
            case .latency(let metric): latencies[metric] = scanner.takeNull() ? nil : try scanner.number()
            case .gaps(let metric):
                var values: [Double] = []
                try scanner.numbers(into: &values)
                gaps[metric] = values
            }
        }
        guard scanner.isAtEnd() else { throw scanner.failure("text after the record") }

        func required<Value>(_ value: Value?, _ name: String) throws(JSONLineScanner.Failure) -> Value {
            guard let value else { throw JSONLineScanner.Failure(reason: "it has no \"\(name)\"", offset: nil) }
            return value
        }
        let id = try required(requestID, "request_id")
        guard let place = step ?? Self.step(inRequestID: id) else {
            throw JSONLineScanner.Failure(
                reason: "it has no \"step\" and its request id \(id) does not name one (…-s{step}-…)",
                offset: nil
            )
        }
        let firstStart = try required(startOffset, "start_offset_ms")
        let wholeTime = try required(total, "total_ms")
        guard (session == nil) == (turn == nil) else {
            throw JSONLineScanner.Failure(reason: "it has a \"session\" or a \"turn\" without the other", offset: nil)
        }
        let sample = RecordSample(
            caseIndex: try required(caseIndex, "case"),
            step: place,
            run: try required(run, "run"),
            index: try required(index, "index"),
            sessionPosition: session.flatMap { session in turn.map { SessionPosition(session: session, turn: $0) } },
            requestID: id,
            isSuccess: try required(isSuccess, "status"),
            isWarmup: isWarmup ?? false,
            errorKind: errorKind,
            httpStatus: httpStatus,
            requestedInputTokens: try required(inputTokens, "input_tokens"),
            requestedOutputTokens: try required(outputTokens, "output_tokens"),
            sendClockNanoseconds: try required(sendClock, "send_clock_ns"),
            startOffsetMilliseconds: firstStart,
            sendOffsetMilliseconds: try required(sendOffset, "send_offset_ms"),
            endOffsetMilliseconds: endOffset ?? firstStart + wholeTime,
            scheduledOffsetMilliseconds: scheduledOffset,
            totalMilliseconds: wholeTime,
            latencies: latencies,
            gaps: gaps,
            outputTokensCounted: try required(counted, "output_tokens_counted"),
            outputTokensServer: outputTokensServer,
            inputTokensServer: inputTokensServer,
            finishReason: finishReason
        )
        let times =
            [firstStart, sample.sendOffsetMilliseconds, sample.endOffsetMilliseconds, wholeTime]
            + [scheduledOffset].compactMap { $0 } + Array(latencies.values) + gaps.values.flatMap { $0 }
        if let wrong = times.first(where: { !(abs($0) <= Self.largestTime) }) {
            throw JSONLineScanner.Failure(
                reason: "it holds the time \(wrong) ms, beyond any run (at most 1e12 ms, over 30 years)",
                offset: nil
            )
        }
        return (sample, step != nil)
    }

    /// The largest time in milliseconds a record may hold: over 30 years, which every later
    /// conversion (to nanoseconds, to a bucket of a chart) still takes as a whole number.
    static let largestTime = 1e12

    /// The step a request id names: `llmb-{run id}-c{case}-s{step}-r{run}-i{index}-a{attempt}`.
    static func step(inRequestID id: String) -> Int? {
        let parts = id.split(separator: "-")
        guard parts.count == 7, parts[0] == "llmb", parts[3].first == "s" else { return nil }
        return Int(parts[3].dropFirst())
    }

    private static func whole(_ scanner: inout JSONLineScanner) throws(JSONLineScanner.Failure) -> Int {
        Int(try scanner.integer())
    }
}
