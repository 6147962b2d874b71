/// The turns file of a run with multi-turn cases, created empty and exclusively with the other files
/// (before the server is contacted) and written as the results table is; a run of single requests
/// has none.
final class TurnTableFile {
    /// Where it goes.
    let path: String
    private let file: AppendingFile
    private let table: ResultTableWriter

    /// Creates the file at `path`, which must not exist yet.
    init(path: String, format: SaveFormat, isStreaming: Bool, redaction: SecretRedaction) throws(OutputError) {
        guard let file = try AppendingFile.createNew(at: path) else {
            throw OutputError(
                path: path,
                reason:
                    "a file of that name already exists and no run's file is overwritten: set another output_prefix_name or output_dir"
            )
        }
        self.path = path
        self.file = file
        table = try ResultTableWriter(
            file: file,
            format: format,
            isStreaming: isStreaming,
            redaction: redaction,
            header: TurnResultRow.csvHeader
        )
    }

    /// Adds the rows of `summary`'s turns; nothing for a case of single requests.
    func append(_ summary: CaseSummary) throws(OutputError) {
        for row in TurnResultRow.rows(of: summary) { try table.append(row) }
    }

    /// Completes the file.
    func finish() throws(OutputError) {
        try table.finish()
    }

    /// Deletes the file, for a run that ended before it measured anything.
    func remove() {
        file.remove()
    }
}
