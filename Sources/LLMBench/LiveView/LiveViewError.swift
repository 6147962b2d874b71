/// Why `llm-bench live` cannot show the shards' live view.
public enum LiveViewError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The live folder cannot be listed.
    case unreadableFolder(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadableFolder(let path, let reason):
            "the live folder \(path) cannot be read (\(reason)): give the folder the shards were run with --live-dir."
        }
    }
}
