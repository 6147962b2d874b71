extension RequestRecord {
    /// The record as one JSON object: the line of the raw per-request file; its texts (a server's
    /// error message) pass through `redaction`.
    ///
    /// Times are milliseconds written exactly to the nanosecond, and the server's `timings` as it
    /// sent them, so that `RequestRecord(line:)` reads back the record the figures were made from.
    public func jsonLine(redaction: SecretRedaction = .none) -> [UInt8] {
        var json = JSONObjectWriter(redaction: redaction)
        json.field("case", caseIndex)
        json.field("step", step)
        json.field("input_tokens", requestedInputTokens)
        json.field("output_tokens", requestedOutputTokens)
        json.field("run", run)
        json.field("index", index)
        json.field("request_id", requestID)
        if let sessionPosition {
            json.field("session", sessionPosition.session)
            json.field("turn", sessionPosition.turn)
            if turnsNotSent > 0 { json.field("turns_not_sent", turnsNotSent) }
        }
        json.field("status", isSuccess ? "ok" : "failed")
        if let failure {
            json.field("error_kind", failure.kind.rawValue)
            if let status = failure.httpStatus { json.field("http_status", status) } else { json.null("http_status") }
            json.field("error", failure.message)
        } else {
            json.null("error_kind")
            json.field("http_status", 200)
            json.null("error")
        }
        json.field("attempts", attempts)
        json.field("warmup", isWarmup)
        json.field("scheduled_offset_ms", milliseconds: scheduledOffsetNanoseconds)
        json.field("start_offset_ms", milliseconds: startOffsetNanoseconds)
        json.field("send_offset_ms", milliseconds: sendOffsetNanoseconds)
        json.field("end_offset_ms", milliseconds: endOffsetNanoseconds)
        json.field("send_clock_ns", Int(clamping: sendClockNanoseconds))
        writeLatencies(in: .latencies, to: &json)
        writeLatencies(in: .perOutputToken, to: &json)
        json.field("total_ms", milliseconds: totalNanoseconds)
        json.field("decode_ms", milliseconds: decodeNanoseconds)
        writeLatencies(in: .connection, to: &json)
        json.field("output_tokens_counted", tokenEvents)
        if let reported = outputTokensReported {
            json.field("output_tokens_server", reported)
        } else {
            json.null("output_tokens_server")
        }
        if let reported = inputTokensReported {
            json.field("input_tokens_server", reported)
        } else {
            json.null("input_tokens_server")
        }
        json.field("reasoning_events", reasoningEvents)
        if let finishReason { json.field("finish_reason", finishReason) } else { json.null("finish_reason") }
        json.field("done_marker", sawDoneMarker)
        json.field("buffered_stream", isBufferedStream)
        json.field("events_read_together", eventsReadTogether)
        if let source = streamTimestampSource {
            json.field("timestamp_source", source.rawValue)
        } else {
            json.null("timestamp_source")
        }
        if let cachedPromptTokens {
            json.field("cached_tokens", cachedPromptTokens)
        } else {
            json.null("cached_tokens")
        }
        writeLatencies(in: .server, to: &json)
        if let timings = serverReport?.timings, !timings.isEmpty { json.rawField("timings", Self.object(timings)) }
        writeLatencies(in: .gaps, to: &json)
        return json.finish()
    }

    /// `timings` as the server's `timings` object, with the fields it sent.
    private static func object(_ timings: ServerTimings) -> String {
        var json = JSONObjectWriter()
        if let value = timings.promptTokens { json.field("prompt_n", value) }
        if let value = timings.promptMilliseconds { json.field("prompt_ms", exactly: value) }
        if let value = timings.predictedTokens { json.field("predicted_n", value) }
        if let value = timings.predictedMilliseconds { json.field("predicted_ms", exactly: value) }
        return String(decoding: json.finish(), as: UTF8.self)
    }

    /// Writes the value of each latency metric in `slot`, in case order, as `<prefix>_ms`.
    private func writeLatencies(in slot: LatencyMetric.RecordSlot, to json: inout JSONObjectWriter) {
        for metric in LatencyMetric.allCases where metric.recordSlot == slot {
            let name = metric.columnPrefix + "_ms"
            switch metric.values {
            case .duration(let path):
                json.field(name, milliseconds: self[keyPath: path])
            case .fraction(let path):
                ResultValue.number(self[keyPath: path].map { $0 / 1e6 }).write(to: &json, name: name)
            case .durations(let path):
                let durations = self[keyPath: path]
                guard !durations.isEmpty || !metric.isOmittedFromRecordWhenEmpty else { continue }
                json.rawField(name, Self.millisecondsArray(durations))
            }
        }
    }

    /// `durations` as a JSON array of milliseconds.
    private static func millisecondsArray(_ durations: DurationList) -> String {
        var text: [UInt8] = [UInt8(ascii: "[")]
        text.reserveCapacity(durations.count * 10 + 2)
        for (position, duration) in durations.enumerated() {
            if position > 0 { text.append(UInt8(ascii: ",")) }
            JSONObjectWriter.appendMilliseconds(duration, to: &text)
        }
        text.append(UInt8(ascii: "]"))
        return String(decoding: text, as: UTF8.self)
    }
}
