import Foundation
import Synchronization

/// `{stem}_server_metrics.jsonl`: one JSON object per sample of every scrape, appended in the
/// order the scrapes arrive, every text passed through the run's redaction.
///
/// `{"clock_ns":…,"time":"…Z","source":0,"round":7,"case":0,"step":0,"moment":"interval",
/// "name":"…","labels":{…},"value":3}`: labels sorted by name; a value that is not finite is
/// the string `"NaN"`, `"+Inf"` or `"-Inf"`.
final class ServerMetricsFile: Sendable {
    /// The file's path.
    let path: String
    private let redaction: SecretRedaction
    private let state: Mutex<State>

    private struct State {
        var file: AppendingFile
        /// The first write failure; nothing is written after it.
        var failure: OutputError?
    }

    private init(file: sending AppendingFile, redaction: SecretRedaction) {
        path = file.path
        self.redaction = redaction
        state = Mutex(State(file: file))
    }

    /// Creates the file at `path`, which must not exist yet.
    static func create(at path: String, redaction: SecretRedaction) throws(OutputError) -> ServerMetricsFile {
        guard let file = try AppendingFile.createNew(at: path) else {
            throw OutputError(path: path, reason: "a file of that name already exists")
        }
        return ServerMetricsFile(file: file, redaction: redaction)
    }

    /// Appends every sample of `scrape`, taken at `date`, in the case `caseIndex` at `step`; the
    /// first failure is returned once, later scrapes are not written.
    func append(_ scrape: MetricScrape, date: Date, caseIndex: Int, step: Int) -> OutputError? {
        var text = ""
        let time = UTCTimestamp.iso8601Milliseconds(date)
        for sample in scrape.exposition.samples {
            var json = JSONObjectWriter(redaction: redaction)
            json.field("clock_ns", Int(clamping: scrape.clockNanoseconds))
            json.field("time", time)
            json.field("source", scrape.source)
            json.field("round", scrape.round)
            json.field("case", caseIndex)
            json.field("step", step)
            json.field("moment", scrape.moment.rawValue)
            json.field("name", sample.name)
            var labels = JSONObjectWriter(redaction: redaction)
            for label in sample.labels { labels.field(label.name, label.value) }
            json.rawField("labels", String(decoding: labels.finish(), as: UTF8.self))
            Self.value(sample.value, into: &json)
            text += String(decoding: json.finish(), as: UTF8.self) + "\n"
        }
        guard !text.isEmpty else { return nil }
        return state.withLock { state -> OutputError? in
            guard state.failure == nil else { return nil }
            do throws(OutputError) {
                try state.file.append(lines: text)
                return nil
            } catch {
                state.failure = error
                return error
            }
        }
    }

    /// Closes the file.
    func close() {
        state.withLock { $0.file.closeFile() }
    }

    /// `"value"`: the number as exact as Swift prints it, or a string for one that is not finite.
    private static func value(_ value: Double, into json: inout JSONObjectWriter) {
        if value.isNaN {
            json.field("value", "NaN")
        } else if value.isInfinite {
            json.field("value", value > 0 ? "+Inf" : "-Inf")
        } else if let whole = value.wholeNumber {
            json.rawField("value", String(whole))
        } else {
            json.rawField("value", "\(value)")
        }
    }
}
