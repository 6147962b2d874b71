import LLMBench

/// What the client's stream handler keeps per event, without its timestamps: the same checks and scan
/// as `StreamingResponseHandler.handle(_:arrival:)`, so the benchmark does the per-event work the timed path
/// does.
struct StreamTally {
    /// Why a benchmark stream was not read as built.
    struct Mismatch: Error, CustomStringConvertible {
        var description: String
    }

    private(set) var events = 0
    private(set) var tokenEvents = 0
    private(set) var completionTokens: Int?
    private(set) var sawDoneMarker = false

    /// Handles one event as the stream handler does.
    mutating func handle(_ event: ServerSentEvent) throws {
        events += 1
        if event.isDoneMarker {
            sawDoneMarker = true
            return
        }
        if event.isErrorType { throw Mismatch(description: "an error event in a stream that has none") }
        let chunk = try CompletionChunkScanner.scan(event.data)
        if chunk.hasError { throw Mismatch(description: "a chunk with an error in a stream that has none") }
        if chunk.hasTokenText { tokenEvents += 1 }
        if let completion = chunk.completionTokens { completionTokens = completion }
    }

    /// Throws unless the whole of `stream` was read.
    func check(against stream: CompletionStream) throws {
        guard events == stream.eventCount, tokenEvents == stream.tokenEventCount,
            completionTokens == stream.tokenEventCount, sawDoneMarker
        else {
            throw Mismatch(
                description:
                    "read \(events) events, \(tokenEvents) with tokens, usage \(String(describing: completionTokens)), "
                    + "done \(sawDoneMarker); expected \(stream.eventCount) and \(stream.tokenEventCount)"
            )
        }
    }
}
