/// The format of the per-case results file.
public enum SaveFormat: String, Sendable, CaseIterable, Codable {
    case csv
    case jsonl
}
