import Foundation

/// The layout of a dataset file.
public enum DatasetFormat: String, Sendable, CaseIterable {
    /// One JSON object per line: `{"prompt": "...", "output_tokens": N}`.
    case jsonl
    /// ShareGPT conversations: a JSON array (or JSON lines) of `{"conversations": [{"from", "value"}, …]}`.
    case sharegpt
}
