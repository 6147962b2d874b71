import Foundation

/// A run's requests file read back: one sample per line, in the file's order.
struct RequestsFile {
    var records: [RecordSample]
    /// Whether every line had a `step` field (false: written before records had one, each step
    /// taken from the request id).
    var hasSteps: Bool
    /// Lines cut short at the end of the file (by a run that was killed while writing), skipped.
    var truncatedLines: Int

    /// Reads the file at `path`. A last line without its newline that is not a whole record is
    /// counted in `truncatedLines`; any other line that is not a record fails the read, naming it.
    static func read(_ path: String) throws(ResultsReadError) -> RequestsFile {
        var file = RequestsFile(records: [], hasSteps: true, truncatedLines: 0)
        file.truncatedLines = try JSONLines.forEachLine(
            ofFile: path,
            corrupt: { .corruptRecord(path: path, line: $0.line, reason: $0.reason) }
        ) { scanner throws(JSONLineScanner.Failure) in
            let (record, hasStep) = try RecordSample.scanning(&scanner)
            file.records.append(record)
            if !hasStep { file.hasSteps = false }
        }
        file.placeUnclockedRecords()
        return file
    }

    /// Reads the file at `path` as the records it was written from (`RequestRecord.scanning`), for
    /// figures made again from them; a cut-off last line is passed over and counted, as `read` does.
    static func readRecords(_ path: String) throws(ResultsReadError) -> (records: [RequestRecord], truncatedLines: Int)
    {
        var records: [RequestRecord] = []
        let truncated = try JSONLines.forEachLine(
            ofFile: path,
            corrupt: { .corruptRecord(path: path, line: $0.line, reason: $0.reason) }
        ) { scanner throws(JSONLineScanner.Failure) in
            records.append(try RequestRecord.scanning(&scanner))
        }
        return (records, truncated)
    }

    /// Files written before failed requests recorded their send clock hold 0 for it: such a record
    /// is placed on the clock of its case (or step) from another record's clock and send offset.
    private mutating func placeUnclockedRecords() {
        var caseStarts: [[Int]: Double] = [:]
        for record in records where record.sendClockNanoseconds > 0 {
            caseStarts[[record.caseIndex, record.step]] =
                Double(record.sendClockNanoseconds) - record.sendOffsetMilliseconds * 1e6
        }
        for position in records.indices where records[position].sendClockNanoseconds == 0 {
            let record = records[position]
            guard let start = caseStarts[[record.caseIndex, record.step]] else { continue }
            records[position].sendClockNanoseconds = Int64((start + record.sendOffsetMilliseconds * 1e6).rounded())
        }
    }
}
