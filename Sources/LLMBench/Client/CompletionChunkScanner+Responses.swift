extension CompletionChunkScanner {
    /// What a Responses event's fields said, read in any order; ``apply(to:)`` turns them into the
    /// chunk the timed handler reads.
    struct ResponseEventFields {
        /// The event types the benchmark tells apart.
        enum Kind {
            case created
            case outputTextDelta
            case reasoningDelta
            case completed
            case incomplete
            case failed
            case error
            case other
        }

        var kind = Kind.other
        /// The top-level `delta` string, still escaped.
        var delta: Range<Int>?
        /// The first `id` string one object deep (the response's, in `response.created`).
        var responseID: Range<Int>?
        /// `incomplete_details.reason` is `max_output_tokens`.
        var isLengthReason = false

        /// A text delta is a token event (answer or reasoning); `response.completed` and
        /// `response.incomplete` end the stream (`stop`, or `length` when `max_output_tokens` ran
        /// out); `response.failed` and `error` are the server's errors.
        func apply(to chunk: inout CompletionChunk) {
            switch kind {
            case .outputTextDelta:
                guard let delta, !delta.isEmpty else { return }
                chunk.hasTokenText = true
                chunk.hasContentText = true
                chunk.contentRange = delta
            case .reasoningDelta:
                guard let delta, !delta.isEmpty else { return }
                chunk.hasTokenText = true
                chunk.hasReasoningText = true
            case .completed:
                chunk.endsStream = true
                chunk.finishReason = .stop
            case .incomplete:
                chunk.endsStream = true
                chunk.finishReason = isLengthReason ? .length : .other
            case .failed, .error:
                chunk.hasError = true
            case .created:
                chunk.responseIDRange = responseID
            case .other:
                break
            }
        }
    }
}
