import Foundation

/// A trace file read for replay: its requests in time order, cut at `max_requests` and `duration`,
/// and their arrival offsets after `speed`.
struct Trace: Sendable {
    /// Where the file was found.
    let path: String
    /// The requests to send, in file order.
    let entries: [TraceEntry]
    /// Each request's arrival, in nanoseconds from the first, scaled by 1/speed.
    let offsetsNanoseconds: [UInt64]
    /// Lines left out because they ask for 0 prompt or 0 output tokens.
    let skippedLines: [Int]

    /// Reads `settings.path` (relative to the working folder, then to the config's folder).
    static func load(_ settings: TraceSettings, configPath: String) throws(TraceError) -> Trace {
        let candidates = Corpus.candidates(name: settings.path, configPath: configPath)
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw .notFound(path: settings.path, searched: candidates)
        }
        guard let data = FileManager.default.contents(atPath: found) else {
            throw .unreadable(path: found, reason: "it cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: found, reason: "it is not UTF-8 text")
        }
        return try parse(text, settings: settings, path: found)
    }

    /// Parses trace text; `path` names it in errors.
    static func parse(_ text: String, settings: TraceSettings, path: String) throws(TraceError) -> Trace {
        var collector = TraceCollector(settings: settings, path: path)
        switch settings.format {
        case .mooncake: try MooncakeTrace.read(text, into: &collector)
        case .azure: try AzureTrace.read(text, into: &collector)
        case .burstgpt: try BurstGPTTrace.read(text, into: &collector)
        case .jsonl: try LLMBenchTrace.read(text, into: &collector)
        }
        guard !collector.entries.isEmpty else {
            let reason =
                collector.skippedLines.isEmpty
                ? "no request rows" : "every row asks for 0 prompt or 0 output tokens"
            throw .empty(path: path, reason: reason)
        }
        return Trace(
            path: path,
            entries: collector.entries,
            offsetsNanoseconds: collector.offsetsNanoseconds,
            skippedLines: collector.skippedLines
        )
    }
}
