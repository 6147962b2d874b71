/// Which OpenAI endpoint is benchmarked (`api:`).
public enum APIKind: String, Sendable, CaseIterable {
    /// `POST {base_url}/completions` with `prompt`.
    case completions
    /// `POST {base_url}/chat/completions` with `messages`.
    case chat
    /// `POST {base_url}/responses` with `input` (OpenAI's Responses API).
    case responses

    /// The path of generation requests under the base URL.
    var generationPath: String {
        switch self {
        case .completions: "/completions"
        case .chat: "/chat/completions"
        case .responses: "/responses"
        }
    }

    /// The fewest output tokens a probe asks for: OpenAI's Responses API refuses a
    /// `max_output_tokens` below 16.
    var fewestProbeTokens: Int { self == .responses ? 16 : 1 }

    /// Whether the stream is OpenAI's Responses events (`response.output_text.delta`, …) rather
    /// than completion chunks ending in `[DONE]`.
    var streamsResponseEvents: Bool { self == .responses }
}
