import Foundation

/// The columns of the CSV trace formats: the header names each needs, found case-insensitively.
struct TraceColumns {
    /// Each needed column's position in a row.
    let positions: [Int]
    /// How many fields the header has.
    let width: Int

    /// The header names a format reads.
    static func required(_ format: TraceFormat) -> [String] {
        switch format {
        case .azure: ["TIMESTAMP", "ContextTokens", "GeneratedTokens"]
        case .burstgpt: ["Timestamp", "Request tokens", "Response tokens"]
        case .mooncake: ["timestamp", "input_length", "output_length"]
        case .jsonl: ["offset_ms", "input_tokens", "output_tokens"]
        }
    }

    /// Finds `format`'s columns in `header`, or names the ones missing.
    init(header: Substring, format: TraceFormat, path: String) throws(TraceError) {
        let names = Self.fields(of: header)
        let lowered = names.map { $0.lowercased() }
        var positions: [Int] = []
        var missing: [String] = []
        for name in Self.required(format) {
            if let position = lowered.firstIndex(of: name.lowercased()) {
                positions.append(position)
            } else {
                missing.append(name)
            }
        }
        guard missing.isEmpty else { throw .missingColumns(path: path, format: format, missing: missing, found: names) }
        self.positions = positions
        width = names.count
    }

    /// The needed fields of `row`, in the order of `required`; nil when the row is too short.
    func values(of row: Substring) -> [String]? {
        let fields = Self.fields(of: row)
        guard let last = positions.max(), fields.count > last else { return nil }
        return positions.map { fields[$0] }
    }

    /// The comma-separated fields of a CSV line, trimmed; a field in double quotes may hold commas
    /// and `""` for a quote.
    static func fields(of line: Substring) -> [String] {
        var fields: [String] = []
        var field = ""
        var isQuoted = false
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if isQuoted {
                if character == "\"" {
                    let next = line.index(after: index)
                    if next < line.endIndex, line[next] == "\"" {
                        field.append("\"")
                        index = next
                    } else {
                        isQuoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                isQuoted = true
            } else if character == "," {
                fields.append(field.trimmingCharacters(in: .whitespaces))
                field = ""
            } else {
                field.append(character)
            }
            index = line.index(after: index)
        }
        fields.append(field.trimmingCharacters(in: .whitespaces))
        return fields
    }
}
