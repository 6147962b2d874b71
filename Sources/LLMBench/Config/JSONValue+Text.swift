import LLMBenchSupport

extension JSONValue {
    /// The value as indented JSON text: object keys sorted, numbers in their shortest exact form
    /// (`Double.description`, which reads back as the same value), non-finite numbers as `null`.
    func text(indent: Int = 0) -> String {
        let inner = String(repeating: " ", count: indent + 2)
        let outer = String(repeating: " ", count: indent)
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .integer(let value): return String(value)
        case .number(let value): return value.isFinite ? value.description : "null"
        case .string(let value): return Self.quoted(value)
        case .array(let values):
            guard !values.isEmpty else { return "[]" }
            let items = values.map { inner + $0.text(indent: indent + 2) }
            return "[\n" + items.joined(separator: ",\n") + "\n\(outer)]"
        case .object(let fields):
            guard !fields.isEmpty else { return "{}" }
            let items = fields.keys.sorted().map { key in
                inner + Self.quoted(key) + ": " + (fields[key] ?? .null).text(indent: indent + 2)
            }
            return "{\n" + items.joined(separator: ",\n") + "\n\(outer)}"
        }
    }

    /// `text` as a JSON string literal.
    private static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        JSONString.append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A number, or `null` for nil.
    static func number(_ value: Double?) -> JSONValue {
        value.map { .number($0) } ?? .null
    }
}
