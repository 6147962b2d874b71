/// How many distinct prompts a case uses (`prompt_reuse`).
public enum PromptReuse: String, Sendable, CaseIterable {
    /// One per concurrent request slot, so a prefix cache cannot flatter TTFT.
    case unique
    /// One for the whole case.
    case shared
}
