/// Writes case rows to the results file as CSV (header first) or JSONL.
///
/// With `stream_writing: true` each row is written as its case ends; otherwise rows are kept and
/// written by `finish()`.
final class ResultTableWriter {
    private let file: AppendingFile
    private let format: SaveFormat
    private let isStreaming: Bool
    private let redaction: SecretRedaction
    private var pending: [ResultRow] = []

    /// Writes to `file`, which the run created; a CSV gets `header` at once.
    init(
        file: AppendingFile,
        format: SaveFormat,
        isStreaming: Bool,
        redaction: SecretRedaction,
        header: String = ResultRow.csvHeader
    ) throws(OutputError) {
        self.file = file
        self.format = format
        self.isStreaming = isStreaming
        self.redaction = redaction
        if format == .csv { try file.appendLine(header) }
    }

    /// Adds a case's row.
    func append(_ row: ResultRow) throws(OutputError) {
        if isStreaming {
            try write(row)
        } else {
            pending.append(row)
        }
    }

    /// Writes the rows kept back and closes the file.
    func finish() throws(OutputError) {
        for row in pending { try write(row) }
        pending.removeAll()
        file.closeFile()
    }

    private func write(_ row: ResultRow) throws(OutputError) {
        let row = row.redacted(by: redaction)
        switch format {
        case .csv: try file.appendLine(row.csvLine)
        case .jsonl: try file.appendLine(row.jsonLine)
        }
    }
}
