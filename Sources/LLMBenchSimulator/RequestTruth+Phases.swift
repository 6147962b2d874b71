/// The server-side durations of a request, as `/metrics` and the `timings` object report them.
///
/// TTFT = first token − arrival; queue = admission − arrival; prefill = first token (or the end,
/// without one) − admission; decode = last token − first token; E2E = end − arrival. Each is
/// `nil` when its moments did not happen (a request that never left the queue has no queue time).
extension RequestTruth {
    /// The time to the first token, from arrival.
    public var timeToFirstTokenNanoseconds: UInt64? {
        firstTokenNanoseconds.map { $0 - receivedNanoseconds }
    }

    /// The time waiting for a sequence slot.
    public var queueNanoseconds: UInt64? {
        admittedNanoseconds.map { $0 - receivedNanoseconds }
    }

    /// From admission to the first token (to the end when no token came).
    public var prefillNanoseconds: UInt64? {
        guard let admitted = admittedNanoseconds, let end = firstTokenNanoseconds ?? endedNanoseconds else {
            return nil
        }
        return end - admitted
    }

    /// From the first token to the last; 0 for a request without tokens.
    public var decodeNanoseconds: UInt64? {
        guard admittedNanoseconds != nil else { return nil }
        guard let first = firstTokenNanoseconds, let last = lastTokenNanoseconds else { return 0 }
        return last - first
    }

    /// From arrival to the end.
    public var endToEndNanoseconds: UInt64? {
        endedNanoseconds.map { $0 - receivedNanoseconds }
    }

    /// How vLLM would name the end of a request that ran: `stop`, `length`, or `abort` (a fault or
    /// a disconnect after admission); `nil` for one that never got a slot or has not ended.
    var finishedReason: FinishedReason? {
        guard admittedNanoseconds != nil, let outcome else { return nil }
        return FinishedReason(rawValue: outcome) ?? .abort
    }
}

/// vLLM's `finished_reason` label of `request_success_total`.
enum FinishedReason: String, Sendable, CaseIterable {
    case stop, length, abort
}
