/// The turns file of a run, created at the first multi-turn case's end (a run of single requests
/// has none) and written as the results table is.
final class TurnTableFile {
    /// Where it goes.
    let path: String
    private let format: SaveFormat
    private let isStreaming: Bool
    private let redaction: SecretRedaction
    private var table: ResultTableWriter?

    init(path: String, format: SaveFormat, isStreaming: Bool, redaction: SecretRedaction) {
        self.path = path
        self.format = format
        self.isStreaming = isStreaming
        self.redaction = redaction
    }

    /// Whether any case wrote turns, so the file exists.
    var isCreated: Bool { table != nil }

    /// Adds the rows of `summary`'s turns, creating the file at the first; nothing for a case of
    /// single requests.
    func append(_ summary: CaseSummary) throws(OutputError) {
        let rows = TurnResultRow.rows(of: summary)
        guard !rows.isEmpty else { return }
        let table: ResultTableWriter
        if let existing = self.table { table = existing } else { table = try open() }
        for row in rows { try table.append(row) }
    }

    /// Completes the file, when it was created.
    func finish() throws(OutputError) {
        try table?.finish()
    }

    private func open() throws(OutputError) -> ResultTableWriter {
        guard let file = try AppendingFile.createNew(at: path) else {
            throw OutputError(
                path: path,
                reason: "a file of that name already exists; the run's turns were not written"
            )
        }
        let table = try ResultTableWriter(
            file: file,
            format: format,
            isStreaming: isStreaming,
            redaction: redaction,
            header: TurnResultRow.csvHeader
        )
        self.table = table
        return table
    }
}
