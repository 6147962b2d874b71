import Foundation

/// The files of one run: the per-case table, the requests file (written as each request ends)
/// and the summary; created before the server is contacted, completed at the end, or removed
/// when the run ends before anything is measured.
struct ResultSet {
    /// Their paths and the run's id.
    let files: ResultFiles
    /// Where finished requests go.
    let sink: RecordSink
    private let output: OpenResultFiles
    private let table: ResultTableWriter
    private let redaction: SecretRedaction

    /// Creates the run's files as `config` names them.
    static func create(config: BenchmarkConfig, redaction: SecretRedaction, emit: @escaping BenchmarkObserver)
        throws(BenchmarkError) -> ResultSet
    {
        do {
            let output = try OpenResultFiles.create(
                directory: config.outputDirectory,
                prefix: config.outputPrefixName,
                format: config.saveFormat,
                date: Date()
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
                redaction: redaction
            )
        } catch {
            throw .output(error)
        }
    }

    /// Writes a case's row (at once, or with the others at the end).
    func append(_ summary: CaseSummary) throws(BenchmarkError) {
        do { try table.append(ResultRow(summary)) } catch { throw .output(error) }
    }

    /// Completes the table and writes the summary of `report`.
    func finish(_ report: BenchmarkReport, config: BenchmarkConfig, startedAt: Date) throws(BenchmarkError) {
        output.requests.closeFile()
        do {
            try table.finish()
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
    }

    /// Deletes the files, for a run that ended before it measured anything.
    func remove() {
        output.remove()
    }
}
