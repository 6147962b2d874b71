/// Where finished requests go: appended to the raw file at once, emitted as events, and kept for
/// the statistics unless they were warm-up requests.
final class RecordSink {
    private let file: AppendingFile
    private let emit: BenchmarkObserver
    private let redaction: SecretRedaction
    /// The counted records of the current case or step.
    private(set) var records: [RequestRecord] = []
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
        if !record.isWarmup { records.append(record) }
        emit(.requestFinished(record))
    }

    /// Hands over the records of the finished case or step and starts afresh.
    func takeRecords() -> [RequestRecord] {
        defer { records = [] }
        return records
    }
}
