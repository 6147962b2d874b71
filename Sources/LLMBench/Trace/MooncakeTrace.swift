import Foundation

/// Mooncake's JSON lines: `{"timestamp": ms from the first request, "input_length", "output_length",
/// "hash_ids": [block ids]}`, one request per line.
enum MooncakeTrace {
    static func read(_ text: String, into collector: inout TraceCollector) throws(TraceError) {
        for (number, content) in TraceLines(text: text) {
            let object = try TraceJSON.object(content, line: number, format: .mooncake, path: collector.path)
            let entry = TraceEntry(
                timeNanoseconds: try object.milliseconds("timestamp"),
                inputTokens: try object.tokens("input_length"),
                outputTokens: try object.tokens("output_length"),
                hashIDs: try object.hashIDs() ?? [],
                line: number
            )
            guard try collector.add(entry) else { return }
        }
    }
}
