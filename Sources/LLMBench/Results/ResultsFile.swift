import Foundation

/// A run's per-case results file (`.csv` or `.jsonl`) read back: each row's columns by name,
/// typed as the summary types them. Read only for a run killed before it wrote its summary.
enum ResultsFile {
    /// The rows of the file at `path`, in file order.
    static func rows(of path: String) throws(ResultsReadError) -> [[String: JSONValue]] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        return path.hasSuffix(".csv") ? try csvRows(text, path: path) : try jsonRows(text, path: path)
    }

    /// One JSON object per line; a cut-off last line is left out, as the run did not finish it.
    private static func jsonRows(_ text: String, path: String) throws(ResultsReadError) -> [[String: JSONValue]] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var rows: [[String: JSONValue]] = []
        for (offset, line) in lines.enumerated() where !line.allSatisfy(\.isWhitespace) {
            guard case .object(let row)? = try? JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)) else {
                if offset == lines.count - 1 { continue }
                throw .corruptRecord(path: path, line: offset + 1, reason: "it is not a JSON object")
            }
            rows.append(row)
        }
        return rows
    }

    /// A header line, then one line per case; text columns stay text, the others are read as
    /// numbers or booleans (empty: null).
    private static func csvRows(_ text: String, path: String) throws(ResultsReadError) -> [[String: JSONValue]] {
        let records = CSVRecords(text).all
        guard let header = records.first else { return [] }
        var rows: [[String: JSONValue]] = []
        for (offset, fields) in records.dropFirst().enumerated() {
            let isLast = offset == records.count - 2 && !text.hasSuffix("\n")
            guard fields.count == header.count else {
                if isLast { continue }
                throw .corruptRecord(
                    path: path,
                    line: offset + 2,
                    reason: "it has \(fields.count) fields, but the header names \(header.count)"
                )
            }
            var row: [String: JSONValue] = [:]
            for (name, field) in zip(header, fields) { row[name] = value(of: field, column: name) }
            rows.append(row)
        }
        return rows
    }

    /// The columns whose values are text, from the results row itself.
    private static let textColumns: Set<String> = Set(
        ResultRow(CaseSummary.placeholder).cells.compactMap { cell in
            if case .text = cell.value { return cell.name }
            return nil
        }
    )

    private static func value(of field: String, column: String) -> JSONValue {
        if textColumns.contains(column) { return .string(field) }
        if field.isEmpty { return .null }
        if field == "true" || field == "false" { return .bool(field == "true") }
        if let integer = Int(field) { return .integer(integer) }
        if let number = Double(field) { return .number(number) }
        return .string(field)
    }
}

/// The records of CSV text (RFC 4180: fields in double quotes may hold commas, line breaks and
/// doubled quotes).
private struct CSVRecords {
    let all: [[String]]

    init(_ text: String) {
        let characters = Array(text)
        var records: [[String]] = []
        var fields: [String] = []
        var field = ""
        var index = 0
        var isQuoted = false
        while index < characters.count {
            let character = characters[index]
            index += 1
            if isQuoted {
                if character != "\"" {
                    field.append(character)
                } else if index < characters.count, characters[index] == "\"" {
                    field.append("\"")
                    index += 1
                } else {
                    isQuoted = false
                }
                continue
            }
            switch character {
            case "\"": isQuoted = true
            case ",":
                fields.append(field)
                field = ""
            case "\n", "\r\n":
                fields.append(field)
                records.append(fields)
                fields = []
                field = ""
            default: field.append(character)
            }
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append(fields)
        }
        all = records
    }
}
