import Foundation

/// One cell of a results row.
public enum ResultValue: Sendable, Equatable {
    case text(String)
    case integer(Int)
    case number(Double)
    /// `true`/`false` in CSV, a JSON boolean in JSON.
    case boolean(Bool)
    /// No value (e.g. TPOT of a case without successful requests): empty in CSV, null in JSON.
    case missing

    /// A number, or `missing` for nil.
    static func number(_ value: Double?) -> ResultValue { value.map(ResultValue.number) ?? .missing }

    /// The cell as CSV text, quoted when it needs to be.
    var csvField: String {
        switch self {
        case .text(let text): return CSV.escape(text)
        case .integer(let value): return String(value)
        case .number(let value):
            let text = JSONObjectWriter.number(value)
            return text == "null" ? "" : text
        case .boolean(let value): return value ? "true" : "false"
        case .missing: return ""
        }
    }

    /// Adds the cell to a JSON object under `name`.
    func write(to json: inout JSONObjectWriter, name: String) {
        switch self {
        case .text(let text): json.field(name, text)
        case .integer(let value): json.field(name, value)
        case .number(let value): json.field(name, value)
        case .boolean(let value): json.field(name, value)
        case .missing: json.null(name)
        }
    }
}
