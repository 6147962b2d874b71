import Foundation

/// A run's `_server_metrics.jsonl` read back: the samples whose names a reader asked for, in the
/// file's order.
enum ServerSeriesFile {
    /// The samples of the file at `path` whose name `keeps` accepts. A last line without its
    /// newline that is not a whole sample (a run killed while writing it) is passed over; any
    /// other line that is not a sample fails the read, naming it.
    static func read(_ path: String, keeping keeps: (String) -> Bool) throws(ResultsReadError)
        -> [ServerSeriesSample]
    {
        var samples: [ServerSeriesSample] = []
        _ = try JSONLines.forEachLine(
            ofFile: path,
            corrupt: { .corruptServerMetrics(path: path, line: $0.line, reason: $0.reason) }
        ) { scanner throws(JSONLineScanner.Failure) in
            let sample = try ServerSeriesSample.scanning(&scanner)
            if keeps(sample.name) { samples.append(sample) }
        }
        return samples
    }
}

extension ServerSeriesSample {
    /// Reads one line of the file; unknown fields are passed over.
    static func scanning(_ scanner: inout JSONLineScanner) throws(JSONLineScanner.Failure) -> Self {
        var clock: Int64?
        var source = 0
        var round = 0
        var caseIndex: Int?
        var step = 0
        var moment = ""
        var name: String?
        var labels: [String: String] = [:]
        var value: Double?
        try scanner.expect(UInt8(ascii: "{"))
        if !scanner.take(UInt8(ascii: "}")) {
            repeat {
                let field = try scanner.string()
                try scanner.expect(UInt8(ascii: ":"))
                switch field {
                case "clock_ns": clock = try scanner.integer()
                case "source": source = Int(try scanner.integer())
                case "round": round = Int(try scanner.integer())
                case "case": caseIndex = Int(try scanner.integer())
                case "step": step = Int(try scanner.integer())
                case "moment": moment = try scanner.string()
                case "name": name = try scanner.string()
                case "labels": labels = try Self.labels(&scanner)
                case "value": value = try Self.value(&scanner)
                default: try scanner.skipValue()
                }
            } while scanner.take(UInt8(ascii: ","))
            try scanner.expect(UInt8(ascii: "}"))
        }
        guard scanner.isAtEnd() else { throw scanner.failure("text after the sample") }
        guard let clock, let caseIndex, let name, let value else {
            throw JSONLineScanner.Failure(reason: "it lacks clock_ns, case, name or value", offset: nil)
        }
        return ServerSeriesSample(
            clockNanoseconds: clock,
            source: source,
            round: round,
            caseIndex: caseIndex,
            step: step,
            moment: moment,
            name: name,
            labels: labels,
            value: value
        )
    }

    private static func labels(_ scanner: inout JSONLineScanner) throws(JSONLineScanner.Failure) -> [String: String] {
        var labels: [String: String] = [:]
        try scanner.expect(UInt8(ascii: "{"))
        if scanner.take(UInt8(ascii: "}")) { return labels }
        repeat {
            let name = try scanner.string()
            try scanner.expect(UInt8(ascii: ":"))
            labels[name] = try scanner.string()
        } while scanner.take(UInt8(ascii: ","))
        try scanner.expect(UInt8(ascii: "}"))
        return labels
    }

    /// A number, or one of the strings `NaN`, `+Inf` and `-Inf`.
    private static func value(_ scanner: inout JSONLineScanner) throws(JSONLineScanner.Failure) -> Double {
        guard scanner.isNext(UInt8(ascii: "\"")) else { return try scanner.number() }
        switch try scanner.string() {
        case "NaN": return .nan
        case "+Inf": return .infinity
        case "-Inf": return -.infinity
        case let text: throw scanner.failure("\"\(text)\" is not a number, NaN, +Inf or -Inf")
        }
    }
}
