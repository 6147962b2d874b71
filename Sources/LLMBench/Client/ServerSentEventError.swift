/// Why an SSE stream could not be parsed.
public enum ServerSentEventError: Error, Equatable {
    /// A line or event grew past the configured maximum size.
    case eventTooLarge(limit: Int)
}
