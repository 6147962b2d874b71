/// What a server said of a request beyond its token counts: the prompt tokens it took from its
/// cache (`usage.prompt_tokens_details.cached_tokens`) and its own timings (llama.cpp's `timings`).
///
/// Boxed, so that a request's timeline and record grow by one reference and not by these fields:
/// both are copied through every in-flight request's task frames, where at 1,024 streams each
/// 100 bytes more cost about 1.5 MB of peak memory (measured). Made only from the chunks that
/// carry any of it, at most a few per request.
final class ServerReport: Sendable, Equatable {
    let cachedPromptTokens: Int?
    let timings: ServerTimings

    init(cachedPromptTokens: Int?, timings: ServerTimings) {
        self.cachedPromptTokens = cachedPromptTokens
        self.timings = timings
    }

    /// `report` (nil: none yet) with what `chunk` carries over what it had; the timed handler
    /// makes one only for a chunk that `carriesServerReport`, so other events touch no reference.
    convenience init(_ report: ServerReport?, updatedBy chunk: CompletionChunk) {
        var timings = report?.timings ?? ServerTimings()
        timings.update(with: chunk.serverTimings)
        self.init(cachedPromptTokens: chunk.cachedPromptTokens ?? report?.cachedPromptTokens, timings: timings)
    }

    static func == (lhs: ServerReport, rhs: ServerReport) -> Bool {
        lhs.cachedPromptTokens == rhs.cachedPromptTokens && lhs.timings == rhs.timings
    }
}
