/// Where prompt texts come from (`prompt_source`).
public enum PromptSourceSetting: String, Sendable, CaseIterable {
    /// The server writes a text about random corpus words (the original request's method); the corpus is the
    /// fallback when it cannot.
    case generate
    /// The corpus itself, cut to length.
    case corpus
}
