/// The server-side durations of a request, as `/metrics` and the `timings` object report them.
///
/// TTFT = first token − arrival; queue = admission − arrival; prefill = first token (or the end,
/// without one) − admission; decode = last token − first token; E2E = end − arrival. Each is
/// `nil` when its moments did not happen (a request that never left the queue has no queue time).
extension RequestTruth {
    /// The time to the first token, from arrival.
    public var timeToFirstTokenNanoseconds: UInt64? {
        firstTokenNanoseconds.map { elapsed(from: receivedNanoseconds, to: $0) }
    }

    /// The time waiting for a sequence slot.
    public var queueNanoseconds: UInt64? {
        admittedNanoseconds.map { elapsed(from: receivedNanoseconds, to: $0) }
    }

    /// From admission to the first token (to the end when no token came).
    public var prefillNanoseconds: UInt64? {
        guard let admitted = admittedNanoseconds, let end = firstTokenNanoseconds ?? endedNanoseconds else {
            return nil
        }
        return elapsed(from: admitted, to: end)
    }

    /// From the first token to the last; 0 for a request without tokens.
    public var decodeNanoseconds: UInt64? {
        guard admittedNanoseconds != nil else { return nil }
        guard let first = firstTokenNanoseconds, let last = lastTokenNanoseconds else { return 0 }
        return elapsed(from: first, to: last)
    }

    /// From arrival to the end.
    public var endToEndNanoseconds: UInt64? {
        endedNanoseconds.map { elapsed(from: receivedNanoseconds, to: $0) }
    }

    /// How vLLM would name the end of a request that ran: `stop`, `length`, or `abort` (a fault or
    /// a disconnect after admission); `nil` for one that never got a slot or has not ended.
    var finishedReason: FinishedReason? {
        guard admittedNanoseconds != nil, let outcome else { return nil }
        return FinishedReason(rawValue: outcome) ?? .abort
    }
}

/// `end - start`, or 0 for moments out of order (never a trap on a hand-made record).
func elapsed(from start: UInt64, to end: UInt64) -> UInt64 {
    end >= start ? end - start : 0
}
