/// Which OpenAI endpoint is benchmarked (`api:`).
public enum APIKind: String, Sendable, CaseIterable {
    /// `POST {base_url}/completions` with `prompt`.
    case completions
    /// `POST {base_url}/chat/completions` with `messages`.
    case chat
}
