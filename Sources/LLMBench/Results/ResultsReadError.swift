/// Why a run's result files could not be read back: which file (and line), what is wrong with it
/// and what to do.
public enum ResultsReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing exists at the path given.
    case notFound(path: String)
    /// The path names a file that is not one llm-bench writes for a run.
    case notAResultFile(path: String)
    /// A results or requests file whose run summary is not beside it.
    case noSummary(path: String, expected: String)
    /// A folder that holds no run summary.
    case noRunsInFolder(path: String)
    /// A file that exists but cannot be read.
    case unreadable(path: String, reason: String)
    /// A summary that was created but never written (its run was killed before its end), with
    /// no results file beside it to read the finished cases from.
    case unfinishedSummary(path: String)
    /// A summary that is not the JSON a run writes.
    case corruptSummary(path: String, reason: String)
    /// A line of a requests file that is not a request record (a cut-off last line is skipped instead).
    case corruptRecord(path: String, line: Int, reason: String)
    /// A line of a server metrics file that is not a sample (a cut-off last line is skipped instead).
    case corruptServerMetrics(path: String, line: Int, reason: String)
    /// Files written before the summary named each row's case and step, whose rows cannot be
    /// matched to their requests safely.
    case unmatchedOldRows(path: String, reason: String)
    /// The results file of a run killed before its end, whose rows cannot be matched to its
    /// requests safely.
    case unmatchedUnfinishedRows(path: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let path):
            "\(path) does not exist: name a run's summary, results or requests file, or a folder of runs."
        case .notAResultFile(let path):
            "\(path) is not a file of an llm-bench run: name its summary (…_summary.json), results "
                + "(….csv or ….jsonl) or requests file (…_requests.jsonl), or the folder that holds them."
        case .noSummary(let path, let expected):
            "\(path) has no summary beside it (expected \(expected)): a run is read through its summary, "
                + "so keep the run's files together in one folder."
        case .noRunsInFolder(let path):
            "\(path) holds no run (no …_summary.json in it; subfolders are not searched): name the folder "
                + "the run wrote its files into, or the files themselves."
        case .unreadable(let path, let reason):
            "\(path) cannot be read: \(reason)."
        case .unfinishedSummary(let path):
            "\(path) is empty: its run was killed before its end, and its results file, which holds the "
                + "cases it finished, is not beside it. Keep the run's files together, or run the benchmark again."
        case .corruptSummary(let path, let reason):
            "\(path) is not the summary an llm-bench run writes: \(reason)."
        case .corruptRecord(let path, let line, let reason):
            "\(path), line \(line): not a request record: \(reason). Remove or repair that line to read the run."
        case .corruptServerMetrics(let path, let line, let reason):
            "\(path), line \(line): not a server metrics sample: \(reason). Remove or repair that line, or move "
                + "the file away to read the run without the server's series."
        case .unmatchedOldRows(let path, let reason):
            "\(path) was written by an older llm-bench that does not name each case's step, and its rows "
                + "cannot be matched to its requests safely: \(reason). Run the benchmark again with this version."
        case .unmatchedUnfinishedRows(let path, let reason):
            "\(path) is from a run killed before its end (its summary is empty), and its rows cannot be "
                + "matched to its requests safely: \(reason). Run the benchmark again."
        }
    }
}
