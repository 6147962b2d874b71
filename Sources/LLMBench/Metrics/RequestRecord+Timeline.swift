extension RequestRecord {
    /// Fills the timings and counts of a successful attempt.
    mutating func apply(_ timeline: StreamTimeline, caseStart: UInt64) {
        sendClockNanoseconds = timeline.sendNanoseconds
        sendOffsetNanoseconds = timeline.sendNanoseconds &- caseStart
        endOffsetNanoseconds = timeline.endNanoseconds &- caseStart
        timeToFirstTokenNanoseconds = timeline.firstTokenNanoseconds.map { $0 &- timeline.sendNanoseconds }
        timeToFirstContentTokenNanoseconds = timeline.firstContentNanoseconds.map { $0 &- timeline.sendNanoseconds }
        endToEndNanoseconds = timeline.endNanoseconds &- timeline.sendNanoseconds
        interTokenNanoseconds = timeline.interTokenNanoseconds
        interTokenPerTokenNanoseconds = timeline.perTokenGapNanoseconds
        clientLagNanoseconds = timeline.clientLagNanoseconds
        if let first = timeline.firstTokenNanoseconds, let last = timeline.lastTokenNanoseconds {
            decodeNanoseconds = last &- first
        }
        tokenEvents = timeline.tokenEvents
        eventsReadTogether = timeline.eventsReadTogether
        reasoningEvents = timeline.reasoningEvents
        outputTokensReported = timeline.completionTokens
        inputTokensReported = timeline.promptTokens
        serverReport = timeline.serverReport
        sawDoneMarker = timeline.sawDoneMarker
        isBufferedStream = timeline.arrivedAtOnce
        finishReason =
            switch timeline.finishReason {
            case .length: "length"
            case .stop: "stop"
            case .other: "other"
            case nil: nil
            }
    }
}
