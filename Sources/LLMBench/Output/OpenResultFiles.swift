import Foundation

/// The files of a run, created empty and exclusively before anything is sent: results, requests
/// and summary, and the HTML report unless the config turns it off.
struct OpenResultFiles {
    /// Their paths and the run's id.
    let paths: ResultFiles
    let results: AppendingFile
    let requests: AppendingFile
    let summary: AppendingFile
    /// Written last, from the other three as they stand on disk.
    let report: AppendingFile?

    /// Creates `directory` if missing and the run's files in it, each with `O_EXCL`; when a name
    /// is taken (a run started in the same millisecond drew the same id), draws another id. The
    /// id ends in `runIDSuffix` (a shard's `-h0of4`, a merge's `-merged`).
    ///
    /// This is the check that the folder and the prefix can be written, made before the server
    /// is contacted.
    static func create(
        directory: String,
        prefix: String,
        format: SaveFormat,
        writesReport: Bool,
        date: Date,
        runIDSuffix: String = ""
    ) throws(OutputError) -> OpenResultFiles {
        if let problem = ResultFiles.prefixProblem(prefix) {
            throw OutputError(
                path: (directory as NSString).appendingPathComponent(prefix),
                reason: "output_prefix_name must be a plain file name: \(problem)"
            )
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: directory, reason: (error as NSError).localizedDescription)
        }
        let stamp = UTCTimestamp.compactMilliseconds(date)
        for _ in 0..<100 {
            let runID = ResultFiles.newRunID() + runIDSuffix
            let base = (directory as NSString).appendingPathComponent("\(prefix)_\(stamp)_\(runID)")
            let paths = ResultFiles(
                runID: runID,
                results: "\(base).\(format.rawValue)",
                requests: "\(base)_requests.jsonl",
                summary: "\(base)_summary.json",
                report: writesReport ? "\(base)_report.html" : nil
            )
            let names = [paths.results, paths.requests, paths.summary] + (paths.report.map { [$0] } ?? [])
            var created: [AppendingFile] = []
            for path in names {
                let file: AppendingFile?
                do {
                    file = try AppendingFile.createNew(at: path)
                } catch {
                    created.forEach { $0.remove() }
                    throw error
                }
                guard let file else { break }
                created.append(file)
            }
            if created.count == names.count {
                return OpenResultFiles(
                    paths: paths,
                    results: created[0],
                    requests: created[1],
                    summary: created[2],
                    report: created.count > 3 ? created[3] : nil
                )
            }
            created.forEach { $0.remove() }
        }
        throw OutputError(path: directory, reason: "no unused result file name was found after 100 tries")
    }

    /// Deletes the files, for a run that ended before it measured anything.
    func remove() {
        ([results, requests, summary] + (report.map { [$0] } ?? [])).forEach { $0.remove() }
    }
}
