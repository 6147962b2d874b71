/// A trace file that cannot be replayed: missing, unreadable or malformed, named with its line.
public enum TraceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No file at the path, in the working folder nor beside the config.
    case notFound(path: String, searched: [String])
    /// The file cannot be read as UTF-8 text.
    case unreadable(path: String, reason: String)
    /// A line of the file is not what its format says (`line` 1-based).
    case malformed(path: String, line: Int, format: TraceFormat, reason: String)
    /// The CSV header lacks columns the format needs.
    case missingColumns(path: String, format: TraceFormat, missing: [String], found: [String])
    /// A row's time is before the row above it.
    case outOfOrder(path: String, line: Int, previousLine: Int)
    /// The file (after `max_requests`/`duration` and skipped rows) holds no request.
    case empty(path: String, reason: String)

    /// A sentence naming the file, the line and what to do.
    public var description: String {
        switch self {
        case .notFound(let path, let searched):
            "trace '\(path)' not found (looked in \(searched.joined(separator: " and "))). Fix the case's trace path."
        case .unreadable(let path, let reason):
            "trace '\(path)' cannot be read: \(reason)."
        case .malformed(let path, let line, let format, let reason):
            "trace '\(path)' line \(line): \(reason). Fix the line, or check that format: \(format.rawValue) is the file's layout."
        case .missingColumns(let path, let format, let missing, let found):
            "trace '\(path)' line 1: the header has no column \(missing.map { "'\($0)'" }.joined(separator: ", ")) "
                + "(found \(found.map { "'\($0)'" }.joined(separator: ", "))). A \(format.rawValue) trace needs "
                + "\(TraceColumns.required(format).joined(separator: ", ")); fix the header or the case's format."
        case .outOfOrder(let path, let line, let previousLine):
            "trace '\(path)' line \(line): its time is before line \(previousLine)'s. Rows must be in time order: sort the file by its timestamps."
        case .empty(let path, let reason):
            "trace '\(path)' holds no request to replay (\(reason))."
        }
    }
}
