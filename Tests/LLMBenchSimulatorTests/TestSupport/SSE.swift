import Foundation

/// Helpers to read simulator responses in tests.
enum SSE {
    /// The `data:` payloads of an SSE body, in order.
    static func payloads(_ body: String) -> [String] {
        body.components(separatedBy: "\n\n").compactMap { block in
            let lines = block.split(separator: "\n").filter { $0.hasPrefix("data: ") }
            guard !lines.isEmpty else { return nil }
            return lines.map { String($0.dropFirst(6)) }.joined(separator: "\n")
        }
    }

    /// A JSON object, or `nil` when the text is not one.
    static func object(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    /// A JSON array, or `nil`.
    static func array(_ text: String) -> [Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [Any]
    }

    /// The first choice of a chunk or response object.
    static func firstChoice(_ object: [String: Any]) -> [String: Any]? {
        (object["choices"] as? [[String: Any]])?.first
    }
}
