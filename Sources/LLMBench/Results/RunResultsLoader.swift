import Foundation

/// Reads benchmark runs back from their files, for the report and `compare`.
public enum RunResultsLoader {
    /// The runs `paths` name, in the order given, each once.
    ///
    /// A path is a run's summary (`…_summary.json`), results (`….csv`, `….jsonl`) or requests file
    /// (`…_requests.jsonl`) or server metrics file (`…_server_metrics.jsonl`), its other files found beside it by their shared stem
    /// `{prefix}_{stamp}_{run id}`; or a folder, meaning every run whose summary is in it (not in
    /// its subfolders), ordered by start time, then run id.
    public static func load(paths: [String]) throws(ResultsReadError) -> [RunResults] {
        var seen: Set<String> = []
        var runs: [RunResults] = []
        for path in paths {
            var found: [RunResults] = []
            for files in try runFiles(at: path) {
                let identity = URL(fileURLWithPath: files.summary).resolvingSymlinksInPath().standardizedFileURL.path
                guard seen.insert(identity).inserted else { continue }
                found.append(try load(files))
            }
            if isFolder(path) {
                found.sort { ($0.startedAt, $0.runID) < ($1.startedAt, $1.runID) }
            }
            runs += found
        }
        return runs
    }

    /// The run whose files are `files`: its summary (or, when the run was killed before it wrote
    /// one, its results file), and its records when it has a requests file.
    static func load(_ files: RunFiles) throws(ResultsReadError) -> RunResults {
        let isUnfinished = try RunResults.hasEmptySummary(files)
        var (run, hasPlaces) =
            isUnfinished ? (try RunResults.unfinished(files), false) : try RunResults.reading(summaryOf: files)
        if let requests = files.requests {
            let file = try RequestsFile.read(requests)
            run.records = file.records
            run.truncatedRecordLines = file.truncatedLines
        }
        if let serverMetrics = files.serverMetrics {
            run.serverSeries = try ServerSeriesFile.read(serverMetrics, keeping: ServerVocabulary.isChartedOverTime)
        }
        if isUnfinished {
            let results = files.results ?? files.summary
            try run.placeCasesByRecords { reason in .unmatchedUnfinishedRows(path: results, reason: reason) }
        } else if !hasPlaces {
            try run.placeOldCases()
        }
        return run
    }

    /// The files of every run `path` names.
    static func runFiles(at path: String) throws(ResultsReadError) -> [RunFiles] {
        guard FileManager.default.fileExists(atPath: path) else { throw .notFound(path: path) }
        guard isFolder(path) else { return [try runFiles(ofFile: path)] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        let folder = path.hasSuffix("/") ? path : path + "/"
        let summaries = names.filter { $0.hasSuffix(summarySuffix) && !isFolder(folder + $0) }.sorted()
        guard !summaries.isEmpty else { throw .noRunsInFolder(path: path) }
        return summaries.map { name in
            files(stem: folder + String(name.dropLast(summarySuffix.count)), results: nil)
        }
    }

    /// The files of the run `path`, one of its files, belongs to.
    private static func runFiles(ofFile path: String) throws(ResultsReadError) -> RunFiles {
        let stem: String
        var results: String?
        if path.hasSuffix(summarySuffix) {
            stem = String(path.dropLast(summarySuffix.count))
        } else if path.hasSuffix(requestsSuffix) {
            stem = String(path.dropLast(requestsSuffix.count))
        } else if path.hasSuffix(serverMetricsSuffix) {
            stem = String(path.dropLast(serverMetricsSuffix.count))
        } else if let suffix = turnsSuffixes.first(where: path.hasSuffix) {
            stem = String(path.dropLast(suffix.count))
        } else if let suffix = resultsSuffixes.first(where: path.hasSuffix) {
            stem = String(path.dropLast(suffix.count))
            results = path
        } else {
            throw .notAResultFile(path: path)
        }
        let summary = stem + summarySuffix
        guard FileManager.default.fileExists(atPath: summary) else { throw .noSummary(path: path, expected: summary) }
        return files(stem: stem, results: results)
    }

    /// The files of the run `stem` begins; `results` when the caller named it.
    private static func files(stem: String, results: String?) -> RunFiles {
        let exists = { (path: String) in FileManager.default.fileExists(atPath: path) }
        let requests = stem + requestsSuffix
        let serverMetrics = stem + serverMetricsSuffix
        return RunFiles(
            summary: stem + summarySuffix,
            results: results ?? resultsSuffixes.map { stem + $0 }.first(where: exists),
            requests: exists(requests) ? requests : nil,
            serverMetrics: exists(serverMetrics) ? serverMetrics : nil,
            stem: stem
        )
    }

    private static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private static let summarySuffix = "_summary.json"
    private static let requestsSuffix = "_requests.jsonl"
    private static let serverMetricsSuffix = "_server_metrics.jsonl"
    private static let resultsSuffixes = [".csv", ".jsonl"]
    private static let turnsSuffixes = ["_turns.csv", "_turns.jsonl"]
}
