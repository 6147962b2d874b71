/// Why an SSE stream could not be parsed.
enum ServerSentEventError: Error, Equatable {
    /// A line or event grew past the configured maximum size.
    case eventTooLarge(limit: Int)
}
