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

    /// `report` with what `chunk` adds, over what it had; `report` itself when the chunk adds nothing.
    static func updating(_ report: ServerReport?, with chunk: CompletionChunk) -> ServerReport? {
        guard chunk.cachedPromptTokens != nil || !chunk.serverTimings.isEmpty else { return report }
        var timings = report?.timings ?? ServerTimings()
        timings.update(with: chunk.serverTimings)
        return ServerReport(
            cachedPromptTokens: chunk.cachedPromptTokens ?? report?.cachedPromptTokens,
            timings: timings
        )
    }

    static func == (lhs: ServerReport, rhs: ServerReport) -> Bool {
        lhs.cachedPromptTokens == rhs.cachedPromptTokens && lhs.timings == rhs.timings
    }
}
