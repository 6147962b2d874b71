/// A server's `/metrics` answer read as the Prometheus text format (version 0.0.4) or
/// OpenMetrics text: every sample, and the type each family declares.
struct MetricExposition: Sendable, Equatable {
    /// The samples in the order the server wrote them.
    var samples: [MetricSample]
    /// `# TYPE` of each family that declares one: `counter`, `gauge`, `histogram`, `summary`,
    /// `untyped` (OpenMetrics also `gaugehistogram`, `stateset`, `info`, `unknown`).
    var types: [String: String]

    /// Why a line is not the text format, with its number (from 1).
    struct ParseError: Error, Equatable, CustomStringConvertible {
        var line: Int
        var reason: String

        var description: String { "line \(line) of the metrics is not Prometheus text: \(reason)" }
    }

    /// Reads `text`; comments other than `# TYPE` are passed over (`# HELP`, `# UNIT`, `# EOF`),
    /// as are OpenMetrics exemplars (` # {…} value` after a sample).
    init(parsing text: String) throws(ParseError) {
        samples = []
        types = [:]
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            if line.first == "#" {
                let words = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
                if words.count >= 4, words[1] == "TYPE" { types[String(words[2])] = String(words[3]) }
                continue
            }
            var reader = MetricLineReader(line)
            do {
                samples.append(try reader.sample())
            } catch {
                throw ParseError(line: number, reason: error.reason)
            }
        }
    }
}
