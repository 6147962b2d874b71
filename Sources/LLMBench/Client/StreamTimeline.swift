import Foundation

/// What a streamed response delivered and when, in `MonotonicClock` nanoseconds.
struct StreamTimeline: Sendable, Equatable {
    /// Just before the request's first byte was written.
    var sendNanoseconds: UInt64
    /// Arrival of the first token-carrying event.
    var firstTokenNanoseconds: UInt64?
    /// Arrival of the first event carrying answer text (reasoning aside).
    var firstContentNanoseconds: UInt64?
    /// Arrival of the last token-carrying event.
    var lastTokenNanoseconds: UInt64?
    /// Arrival of the `[DONE]` marker or of the end of the body, whichever came first.
    var endNanoseconds: UInt64 = 0
    /// The gap before every token-carrying event after the first.
    var interTokenNanoseconds = DurationList()
    /// Per token, where chunks carry a running `usage.completion_tokens`: an event with k new
    /// tokens after a gap g adds k gaps of g / k. Empty when the server does not say.
    var perTokenGapNanoseconds = DurationList()
    /// The running `usage.completion_tokens` of the last token event that carried one.
    var lastEventTokens: Int?
    /// Per token-carrying event (the first included), how much later the event loop read it than
    /// the kernel received it: the client's own lag. Empty with user stamps.
    var clientLagNanoseconds = DurationList()
    /// Token events that came in the same burst of socket reads as the token event before them (the
    /// same read, or reads that filled their buffers one after the other, so their bytes were
    /// waiting together): the gap between the two is not measured.
    var eventsReadTogether = 0
    /// Events that carried token text.
    var tokenEvents = 0
    /// Events that carried reasoning text.
    var reasoningEvents = 0
    /// `usage.prompt_tokens` as the server reported it.
    var promptTokens: Int?
    /// `usage.completion_tokens` as the server reported it.
    var completionTokens: Int?
    /// The server's cached prompt tokens and own timings, when it sent any.
    var serverReport: ServerReport?
    /// The finish reason the server gave last.
    var finishReason: CompletionChunk.FinishReason?
    /// Whether `data: [DONE]` arrived.
    var sawDoneMarker = false
    /// The answer's text as the chunks carried it, JSON-escaped and concatenated (the pieces are whole
    /// JSON string contents, so together they are one); nil unless the exchange collects it.
    var answer: [UInt8]?
    /// The Responses API's id of this response (from `response.created`), for a next turn's
    /// `previous_response_id`; nil unless the exchange collects the answer.
    var responseID: String?
    /// `ArrivalStamp.drainsBefore` at the read of the first token event.
    var firstTokenReadDrains = 0
    /// `ArrivalStamp.drainsBefore` at the read of the last token event.
    var lastTokenReadDrains = 0

    /// Whether all token events (two or more) came in one burst of reads, the socket never
    /// emptied between the first and the last: the server or a proxy buffered the stream, so
    /// TTFT is about E2E and the gaps between tokens are not the server's.
    var arrivedAtOnce: Bool { tokenEvents >= 2 && lastTokenReadDrains == firstTokenReadDrains }

    /// The clock of the arrival times: `.kernel` once any token event had a kernel stamp.
    var timestampSource: TimestampSource { clientLagNanoseconds.isEmpty ? .user : .kernel }

    /// Records a token-carrying event that arrived at `arrival` from a read in the burst
    /// `readDrains` (`ArrivalStamp.drainsBefore`), with the running count of output tokens when the
    /// chunk carried one and the client's lag when `arrival` is a kernel stamp.
    mutating func recordTokenEvent(
        at arrival: UInt64,
        readDrains: Int = 0,
        tokensSoFar: Int? = nil,
        clientLag: UInt64? = nil
    ) {
        if let clientLag { clientLagNanoseconds.append(clientLag) }
        if tokenEvents == 0 {
            firstTokenReadDrains = readDrains
        } else if readDrains == lastTokenReadDrains {
            eventsReadTogether += 1
        }
        lastTokenReadDrains = readDrains
        if let last = lastTokenNanoseconds {
            let gap = arrival &- last
            interTokenNanoseconds.append(gap)
            // A count jump past any real event's size is the server's error, not tokens to expand.
            if let now = tokensSoFar, let before = lastEventTokens, now > before, now - before <= 65_536 {
                let tokens = UInt64(now - before)
                for _ in 0..<tokens { perTokenGapNanoseconds.append(gap / tokens) }
            }
        } else {
            firstTokenNanoseconds = arrival
        }
        if tokensSoFar != nil { lastEventTokens = tokensSoFar }
        lastTokenNanoseconds = arrival
        tokenEvents += 1
    }

    /// The answer's text, unescaped; nil when it was not collected or is not valid JSON string content.
    var answerText: String? {
        guard let answer else { return nil }
        let quoted = [UInt8(ascii: "\"")] + answer + [UInt8(ascii: "\"")]
        return try? JSONDecoder().decode(String.self, from: Data(quoted))
    }
}
