import Foundation

/// The paths of one benchmark's result files, all sharing
/// `{output_dir}/{prefix}_{UTC time to the millisecond}_{run id}`.
public struct ResultFiles: Sendable {
    /// The run's id: six lowercase letters and digits, unique among the runs in `output_dir`, and
    /// part of every request id.
    var runID: String
    /// The per-case results (`.csv` or `.jsonl`).
    public var results: String
    /// One JSON object per request, written as each request ends.
    public var requests: String
    /// Definitions, configuration and per-case figures of the whole benchmark.
    public var summary: String
    /// The one-file HTML report, unless the config turns it off.
    public var report: String?
    /// The server's own metrics over time (`_server_metrics.jsonl`), when they were read.
    public var serverMetrics: String? = nil
    /// The figures of each turn of the multi-turn cases (`_turns.csv` or `.jsonl`), when the run had any.
    public var turns: String? = nil

    /// Where the server metrics file goes: beside the others, `{stem}_server_metrics.jsonl`.
    var serverMetricsPath: String {
        String(requests.dropLast("_requests.jsonl".count)) + "_server_metrics.jsonl"
    }

    /// Where the turns file goes: beside the others, `{stem}_turns.{csv|jsonl}`.
    var turnsPath: String {
        let stem = String(requests.dropLast("_requests.jsonl".count))
        return stem + "_turns." + (results as NSString).pathExtension
    }
}

extension ResultFiles {
    /// Why `prefix` cannot begin a file name inside `output_dir`, or nil when it can.
    static func prefixProblem(_ prefix: String) -> String? {
        if prefix.contains("/") || prefix.contains("\\") || prefix.contains("\0") {
            return "no '/', '\\' or NUL, since results stay inside output_dir"
        }
        if prefix.contains("..") {
            return "no '..', since results stay inside output_dir"
        }
        return nil
    }

    /// Six random characters from `0-9a-z`.
    static func newRunID() -> String {
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        return String((0..<6).map { _ in alphabet.randomElement()! })
    }
}
