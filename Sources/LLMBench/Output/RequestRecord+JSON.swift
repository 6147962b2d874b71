extension RequestRecord {
    /// The record as one JSON object: the line of the raw per-request file; its texts (a server's
    /// error message) pass through `redaction`.
    public func jsonLine(redaction: SecretRedaction = .none) -> [UInt8] {
        let milliseconds = { (nanoseconds: UInt64) in Double(nanoseconds) / 1e6 }
        var json = JSONObjectWriter(redaction: redaction)
        json.field("case", caseIndex)
        json.field("input_tokens", requestedInputTokens)
        json.field("output_tokens", requestedOutputTokens)
        json.field("run", run)
        json.field("index", index)
        json.field("request_id", requestID)
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
        ResultValue.number(scheduledOffsetNanoseconds.map(milliseconds)).write(to: &json, name: "scheduled_offset_ms")
        json.field("start_offset_ms", milliseconds(startOffsetNanoseconds))
        json.field("send_offset_ms", milliseconds(sendOffsetNanoseconds))
        json.field("send_clock_ns", Int(clamping: sendClockNanoseconds))
        ResultValue.number(timeToFirstTokenNanoseconds.map(milliseconds)).write(to: &json, name: "ttft_ms")
        ResultValue.number(timeToFirstContentTokenNanoseconds.map(milliseconds)).write(
            to: &json,
            name: "ttft_content_ms"
        )
        ResultValue.number(endToEndNanoseconds.map(milliseconds)).write(to: &json, name: "e2e_ms")
        ResultValue.number(timePerOutputTokenNanoseconds.map { $0 / 1e6 }).write(to: &json, name: "tpot_ms")
        json.field("total_ms", milliseconds(totalNanoseconds))
        ResultValue.number(connectNanoseconds.map(milliseconds)).write(to: &json, name: "connect_ms")
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
        json.rawField("itl_ms", Self.millisecondsArray(interTokenNanoseconds))
        if !interTokenPerTokenNanoseconds.isEmpty {
            json.rawField("itl_token_ms", Self.millisecondsArray(interTokenPerTokenNanoseconds))
        }
        return json.finish()
    }

    /// `durations` as a JSON array of milliseconds.
    private static func millisecondsArray(_ durations: DurationList) -> String {
        var text: [UInt8] = [UInt8(ascii: "[")]
        text.reserveCapacity(durations.count * 8 + 2)
        for (position, duration) in durations.enumerated() {
            if position > 0 { text.append(UInt8(ascii: ",")) }
            text.append(contentsOf: JSONObjectWriter.number(Double(duration) / 1e6).utf8)
        }
        text.append(UInt8(ascii: "]"))
        return String(decoding: text, as: UTF8.self)
    }
}
