/// The version of llm-bench, printed by `--version` and written into every summary.
public enum LLMBenchVersion {
    /// The current version.
    public static let current = "0.1.0"
}
