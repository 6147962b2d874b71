import Foundation

/// The files of one run: the per-case table, the requests file (written as each request ends),
/// the summary and the HTML report; created before the server is contacted, completed at the
/// end, or removed when the run ends before anything is measured.
struct ResultSet {
    /// Their paths and the run's id.
    let files: ResultFiles
    /// Where finished requests go.
    let sink: RecordSink
    private let output: OpenResultFiles
    private let table: ResultTableWriter
    /// The turns file, when a case runs sessions.
    private let turns: TurnTableFile?
    private let redaction: SecretRedaction

    /// Creates the run's files as `config` names them, the run id ending in `runIDSuffix` (by
    /// default the shard's, if any).
    static func create(
        config: BenchmarkConfig,
        redaction: SecretRedaction,
        emit: @escaping BenchmarkObserver,
        runIDSuffix: String? = nil
    ) throws(BenchmarkError) -> ResultSet {
        do {
            let output = try OpenResultFiles.create(
                directory: config.outputDirectory,
                prefix: config.outputPrefixName,
                format: config.saveFormat,
                writesReport: config.writesReport,
                date: Date(),
                runIDSuffix: runIDSuffix ?? config.shard?.runIDSuffix ?? ""
            )
            let table = try ResultTableWriter(
                file: output.results,
                format: config.saveFormat,
                isStreaming: config.streamWriting,
                redaction: redaction
            )
            return ResultSet(
                files: output.paths,
                sink: RecordSink(file: output.requests, emit: emit, redaction: redaction),
                output: output,
                table: table,
                turns: try turnTable(config: config, output: output, redaction: redaction),
                redaction: redaction
            )
        } catch {
            throw .output(error)
        }
    }

    /// Writes a case's row, and its turns' rows for a multi-turn case (at once, or with the
    /// others at the end).
    func append(_ summary: CaseSummary) throws(BenchmarkError) {
        do {
            try table.append(ResultRow(summary))
            try turns?.append(summary)
        } catch {
            throw .output(error)
        }
    }

    /// Completes the table, writes the summary of `report`, then the HTML report from the files
    /// as written (a report that cannot be made is warned about: the other files are complete).
    /// Returns the files that exist at the end.
    func finish(_ report: BenchmarkReport, config: BenchmarkConfig, startedAt: Date, emit: BenchmarkObserver)
        throws(BenchmarkError) -> ResultFiles
    {
        var report = report
        report.files.turns = turns?.path
        output.requests.closeFile()
        do {
            try table.finish()
            try turns?.finish()
            try SummaryDocument(
                config: config,
                report: report,
                startedAt: startedAt,
                finishedAt: Date(),
                redaction: redaction
            ).write(to: output.summary)
        } catch {
            throw .output(error)
        }
        var written = report.files
        guard let file = output.report else { return written }
        do {
            try ReportFile.write(to: file, fromSummary: files.summary)
            return written
        } catch {
            emit(.warning(.reportNotWritten(path: file.path, reason: redaction.apply(error.description))))
            file.remove()
            written.report = nil
            return written
        }
    }

    /// Creates the server metrics file beside the others; nil, with a warning, when it cannot
    /// be: the benchmark then runs without reading the server's metrics.
    func createServerMetricsFile(emit: BenchmarkObserver) -> ServerMetricsFile? {
        do {
            return try ServerMetricsFile.create(at: files.serverMetricsPath, redaction: redaction)
        } catch {
            emit(.warning(.serverMetricsNotWritten(path: error.path, reason: redaction.apply(error.reason))))
            return nil
        }
    }

    /// Deletes the files, for a run that ended before it measured anything.
    func remove() {
        output.remove()
        turns?.remove()
    }

    /// The turns file of a run with a session case, created beside the others; nil otherwise (the
    /// others are removed again when it cannot be).
    private static func turnTable(config: BenchmarkConfig, output: OpenResultFiles, redaction: SecretRedaction)
        throws(OutputError) -> TurnTableFile?
    {
        guard config.cases.contains(where: { if case .sessions = $0.workload { true } else { false } }) else {
            return nil
        }
        do {
            return try TurnTableFile(
                path: output.paths.turnsPath,
                format: config.saveFormat,
                isStreaming: config.streamWriting,
                redaction: redaction
            )
        } catch {
            output.remove()
            throw error
        }
    }
}
