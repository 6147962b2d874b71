/// Reads one sample line of the Prometheus text format:
/// `name{label="value",…} value [timestamp]`, with `\\`, `\"` and `\n` escaped in label values,
/// `+Inf`, `-Inf` and `NaN` as values.
struct MetricLineReader {
    /// What is wrong with the line.
    struct Failure: Error {
        var reason: String
    }

    private let characters: [Character]
    private var position = 0

    init(_ line: Substring) {
        characters = Array(line)
    }

    /// The line's sample; fails on anything the format does not allow.
    mutating func sample() throws(Failure) -> MetricSample {
        let name = try metricName()
        var labels: [MetricLabel] = []
        if take("{") {
            skipSpaces()
            while !take("}") {
                let label = try labelName()
                skipSpaces()
                guard take("=") else { throw Failure(reason: "expected '=' after the label \(label)") }
                skipSpaces()
                labels.append(MetricLabel(name: label, value: try quoted()))
                skipSpaces()
                if take(",") {
                    skipSpaces()
                } else if !peek("}") {
                    throw Failure(reason: "expected ',' or '}' in the labels of \(name)")
                }
            }
        }
        guard skipSpaces() > 0 else { throw Failure(reason: "expected a space before the value of \(name)") }
        let value = try number(word())
        var timestamp: Int64?
        if skipSpaces() > 0, position < characters.count, characters[position] != "#" {
            let text = word()
            guard let milliseconds = Int64(text) ?? Double(text).map({ Int64(($0 * 1000).rounded()) }) else {
                throw Failure(reason: "'\(text)' is not a timestamp")
            }
            timestamp = milliseconds
            skipSpaces()
        }
        guard position == characters.count || characters[position] == "#" else {
            throw Failure(reason: "unexpected text after the value of \(name)")
        }
        return MetricSample(name: name, labels: labels.sorted(), value: value, timestampMilliseconds: timestamp)
    }

    private mutating func metricName() throws(Failure) -> String {
        let name = identifier(allowingColons: true)
        guard !name.isEmpty else { throw Failure(reason: "expected a metric name") }
        return name
    }

    private mutating func labelName() throws(Failure) -> String {
        let name = identifier(allowingColons: false)
        guard !name.isEmpty else { throw Failure(reason: "expected a label name") }
        return name
    }

    /// `[a-zA-Z_:][a-zA-Z0-9_:]*` (labels: no `:`).
    private mutating func identifier(allowingColons: Bool) -> String {
        let start = position
        while position < characters.count {
            let character = characters[position]
            let isLetter = character.isASCII && (character.isLetter || character == "_")
            let isDigit = character.isASCII && character.isNumber && position > start
            guard isLetter || isDigit || (allowingColons && character == ":") else { break }
            position += 1
        }
        return String(characters[start..<position])
    }

    private mutating func quoted() throws(Failure) -> String {
        guard take("\"") else { throw Failure(reason: "expected a quoted label value") }
        var value = ""
        while position < characters.count {
            let character = characters[position]
            position += 1
            switch character {
            case "\"": return value
            case "\\":
                guard position < characters.count else { break }
                let escaped = characters[position]
                position += 1
                value.append(escaped == "n" ? "\n" : escaped)
            default: value.append(character)
            }
        }
        throw Failure(reason: "a label value is not closed")
    }

    private func number(_ text: String) throws(Failure) -> Double {
        switch text {
        case "+Inf", "Inf": return .infinity
        case "-Inf": return -.infinity
        case "NaN": return .nan
        default:
            guard let value = Double(text), value.isFinite else { throw Failure(reason: "'\(text)' is not a number") }
            return value
        }
    }

    private mutating func word() -> String {
        let start = position
        while position < characters.count, characters[position] != " ", characters[position] != "\t" { position += 1 }
        return String(characters[start..<position])
    }

    @discardableResult
    private mutating func skipSpaces() -> Int {
        let start = position
        while position < characters.count, characters[position] == " " || characters[position] == "\t" { position += 1 }
        return position - start
    }

    private mutating func take(_ character: Character) -> Bool {
        guard peek(character) else { return false }
        position += 1
        return true
    }

    private func peek(_ character: Character) -> Bool {
        position < characters.count && characters[position] == character
    }
}
