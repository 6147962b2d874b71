/// The CSV trace formats: a header naming the columns, then one request per row.
enum TraceCSV {
    /// Reads the rows of `text` after its header; `row` turns a row's needed fields (time, prompt
    /// tokens, output tokens, in the order of `TraceColumns.required`) into values, nil when one
    /// is malformed.
    static func read(
        _ text: String,
        format: TraceFormat,
        into collector: inout TraceCollector,
        row: ([String]) throws(TraceError) -> (time: Int64, input: Int, output: Int)?
    ) throws(TraceError) {
        var columns: TraceColumns?
        let names = TraceColumns.required(format)
        for (number, content) in TraceLines(text: text) {
            guard let header = columns else {
                columns = try TraceColumns(header: content, format: format, path: collector.path)
                continue
            }
            guard let values = header.values(of: content) else {
                throw .malformed(
                    path: collector.path,
                    line: number,
                    format: format,
                    reason: "it has \(TraceColumns.fields(of: content).count) columns, the header \(header.width)"
                )
            }
            guard let (time, input, output) = try row(values), input >= 0, output >= 0 else {
                let shown = zip(names, values).map { "\($0) '\($1)'" }.joined(separator: ", ")
                let time = format == .azure ? "a date such as 2023-11-16 18:15:46.6805900" : "seconds, 0 or more"
                throw .malformed(
                    path: collector.path,
                    line: number,
                    format: format,
                    reason: "\(shown): \(names[0]) must be \(time) and the token counts whole numbers, 0 or more"
                )
            }
            let entry = TraceEntry(timeNanoseconds: time, inputTokens: input, outputTokens: output, line: number)
            guard try collector.add(entry) else { return }
        }
        if columns == nil {
            throw .empty(
                path: collector.path,
                reason: "the file is empty; a \(format.rawValue) trace starts with its header"
            )
        }
    }
}
