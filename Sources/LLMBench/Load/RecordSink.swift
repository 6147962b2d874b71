/// Where finished requests go: appended to the raw file at once, emitted as events, and kept for
/// the statistics unless they were warm-up requests.
final class RecordSink {
    private let file: AppendingFile
    private let emit: BenchmarkObserver
    private let redaction: SecretRedaction
    /// The counted records of the current case or step.
    private(set) var records: [RequestRecord] = []
    /// Its warm-up records: left out of the statistics, but inside the window the server's
    /// metrics are read over, so the client's side of the server's counts holds them.
    private(set) var warmupRecords: [RequestRecord] = []
    /// The first write failure; measuring stops at the next boundary when set.
    private(set) var writeFailure: OutputError?

    init(file: AppendingFile, emit: @escaping BenchmarkObserver, redaction: SecretRedaction) {
        self.file = file
        self.emit = emit
        self.redaction = redaction
    }

    /// Takes a finished request.
    func add(_ record: RequestRecord) {
        if writeFailure == nil {
            do { try file.appendLine(record.jsonLine(redaction: redaction)) } catch { writeFailure = error }
        }
        if record.isWarmup { warmupRecords.append(record) } else { records.append(record) }
        emit(.requestFinished(record))
    }

    /// Hands over the records of the finished case or step, counted and warm-up, and starts afresh.
    func takeRecords() -> (counted: [RequestRecord], warmup: [RequestRecord]) {
        defer {
            records = []
            warmupRecords = []
        }
        return (records, warmupRecords)
    }
}
