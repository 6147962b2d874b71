import LLMBenchSupport

/// Hand-written JSON bodies of the simulator; strings are quoted by `JSONString`.
enum JSONText {
    /// An OpenAI-style error object: `{"error":{"message":…,"type":…,"param":…,"code":…}}`.
    static func error(message: String, type: String, param: String? = nil, code: String? = nil) -> String {
        "{\"error\":{\"message\":\(JSONString.quoted(message)),\"type\":\(JSONString.quoted(type)),"
            + "\"param\":\(JSONString.quotedOrNull(param)),\"code\":\(JSONString.quotedOrNull(code))}}"
    }

    /// A JSON array of integers.
    static func array(_ values: [Int]) -> String {
        "[" + values.map(String.init).joined(separator: ",") + "]"
    }
}
