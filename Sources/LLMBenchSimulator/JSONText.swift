/// Hand-written JSON for the hot path (SSE events) and small bodies.
enum JSONText {
    /// `text` as a JSON string literal, quotes included.
    static func quoted(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        result += "\""
        return result
    }

    /// `value` as a JSON string literal, or `null`.
    static func quotedOrNull(_ value: String?) -> String {
        value.map(quoted) ?? "null"
    }

    /// An OpenAI-style error object: `{"error":{"message":…,"type":…,"param":…,"code":…}}`.
    static func error(message: String, type: String, param: String? = nil, code: String? = nil) -> String {
        "{\"error\":{\"message\":\(quoted(message)),\"type\":\(quoted(type)),"
            + "\"param\":\(quotedOrNull(param)),\"code\":\(quotedOrNull(code))}}"
    }

    /// A JSON array of integers.
    static func array(_ values: [Int]) -> String {
        "[" + values.map(String.init).joined(separator: ",") + "]"
    }
}
