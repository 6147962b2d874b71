/// Azure's LLM inference trace CSV: `TIMESTAMP,ContextTokens,GeneratedTokens`, a date per row
/// (`2023-11-16 18:15:46.6805900`); offsets are taken from the first row.
enum AzureTrace {
    static func read(_ text: String, into collector: inout TraceCollector) throws(TraceError) {
        try TraceCSV.read(text, format: .azure, into: &collector) { values throws(TraceError) -> (Int64, Int, Int)? in
            guard let time = TraceTime.nanoseconds(date: Substring(values[0])) else { return nil }
            guard let input = Int(values[1]), let output = Int(values[2]) else { return nil }
            return (time, input, output)
        }
    }
}
