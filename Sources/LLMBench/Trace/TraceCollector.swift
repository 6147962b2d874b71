/// Takes a trace's rows in file order: checks their times never go back, leaves out the rows with
/// no tokens to ask for, and says when `max_requests` or `duration` ends the reading.
struct TraceCollector {
    let settings: TraceSettings
    let path: String
    /// The requests kept, in file (and time) order.
    private(set) var entries: [TraceEntry] = []
    /// Lines of rows left out because they ask for 0 prompt or 0 output tokens.
    private(set) var skippedLines: [Int] = []
    /// The last row read (kept or not), for the order check.
    private var previous: (time: Int64, line: Int)?

    init(settings: TraceSettings, path: String) {
        self.settings = settings
        self.path = path
    }

    /// Takes the row `entry`; returns false once no later row can be kept.
    mutating func add(_ entry: TraceEntry) throws(TraceError) -> Bool {
        if let previous, entry.timeNanoseconds < previous.time {
            throw .outOfOrder(path: path, line: entry.line, previousLine: previous.line)
        }
        previous = (entry.timeNanoseconds, entry.line)
        let blocks = (entry.inputTokens + settings.blockTokens - 1) / settings.blockTokens
        if entry.hashIDs.count > blocks {
            throw .malformed(
                path: path,
                line: entry.line,
                format: settings.format,
                reason: "\(entry.hashIDs.count) hash_ids but \(entry.inputTokens) prompt tokens fill only \(blocks) "
                    + "block(s) of \(settings.blockTokens) tokens; set the case's block_tokens to the trace's block size"
            )
        }
        if let first = entries.first, let duration = settings.durationSeconds {
            let offset = TraceReplay.scaled(
                UInt64(entry.timeNanoseconds - first.timeNanoseconds),
                speed: settings.speed
            )
            if Double(offset) >= duration * 1e9 { return false }
        }
        guard entry.outputTokens > 0, entry.inputTokens > 0 || entry.prompt != nil else {
            skippedLines.append(entry.line)
            return true
        }
        entries.append(entry)
        return entries.count < settings.maxRequests ?? Int.max
    }

    /// The rows kept as offsets from the first, scaled by `speed`.
    var offsetsNanoseconds: [UInt64] {
        guard let first = entries.first?.timeNanoseconds else { return [] }
        return entries.map { TraceReplay.scaled(UInt64($0.timeNanoseconds - first), speed: settings.speed) }
    }
}
