/// BurstGPT's CSV: `Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type`, the time
/// in seconds. Rows with 0 response tokens (the original service's failures) are left out.
enum BurstGPTTrace {
    static func read(_ text: String, into collector: inout TraceCollector) throws(TraceError) {
        try TraceCSV.read(text, format: .burstgpt, into: &collector) {
            values throws(TraceError) -> (Int64, Int, Int)? in
            guard let time = TraceTime.nanoseconds(decimal: Substring(values[0]), unitNanoseconds: 1_000_000_000)
            else { return nil }
            guard let input = Int(values[1]), let output = Int(values[2]) else { return nil }
            return (time, input, output)
        }
    }
}
