import Foundation

/// The paths of one benchmark's result files, all sharing `{output_dir}/{prefix}_{UTC timestamp}`.
public struct ResultFiles: Sendable {
    /// The per-case results (`.csv` or `.jsonl`).
    public var results: String
    /// One JSON object per request, written as each request ends.
    public var requests: String
    /// Definitions, configuration and per-case figures of the whole benchmark.
    public var summary: String

    /// The paths for a benchmark started at `date`; creates `directory` if missing.
    public static func create(
        directory: String,
        prefix: String,
        format: SaveFormat,
        date: Date
    ) throws(OutputError) -> ResultFiles {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: directory, reason: (error as NSError).localizedDescription)
        }

        let base = (directory as NSString).appendingPathComponent("\(prefix)_\(UTCTimestamp.compact(date))")
        return ResultFiles(
            results: "\(base).\(format.rawValue)",
            requests: "\(base)_requests.jsonl",
            summary: "\(base)_summary.json"
        )
    }
}
