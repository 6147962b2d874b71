import Foundation

/// One JSON line of a trace, with typed reads that name the line when a field is wrong.
struct TraceJSON {
    let fields: [String: Any]
    let line: Int
    let format: TraceFormat
    let path: String

    /// The JSON object on `content`, or the error naming its line.
    static func object(_ content: Substring, line: Int, format: TraceFormat, path: String) throws(TraceError)
        -> TraceJSON
    {
        guard let object = try? JSONSerialization.jsonObject(with: Data(content.utf8)) as? [String: Any] else {
            throw .malformed(path: path, line: line, format: format, reason: "not a JSON object")
        }
        return TraceJSON(fields: object, line: line, format: format, path: path)
    }

    func error(_ reason: String) -> TraceError { .malformed(path: path, line: line, format: format, reason: reason) }

    func has(_ key: String) -> Bool { fields[key] != nil && !(fields[key] is NSNull) }

    /// A time in milliseconds, 0 or more, as nanoseconds.
    func milliseconds(_ key: String) throws(TraceError) -> Int64 {
        guard let value = fields[key], !(value is NSNull) else { throw error("no \"\(key)\" (milliseconds)") }
        if let whole = value as? Int, whole >= 0, whole < Int.max / 1_000_000 { return Int64(whole) * 1_000_000 }
        if let number = value as? Double, number.isFinite, number >= 0, number < 9e12 {
            return Int64((number * 1e6).rounded())
        }
        throw error("\"\(key)\" must be a time in milliseconds, 0 or more (found \(value))")
    }

    /// A token count: a whole number, 0 or more (a row asking for 0 is left out, not an error).
    func tokens(_ key: String) throws(TraceError) -> Int {
        guard let value = fields[key], !(value is NSNull) else { throw error("no \"\(key)\" (tokens)") }
        guard let count = value as? Int, (0...10_000_000).contains(count) else {
            throw error("\"\(key)\" must be a whole number of tokens from 0 to 10000000 (found \(value))")
        }
        return count
    }

    /// A text field; nil when absent.
    func text(_ key: String) throws(TraceError) -> String? {
        guard has(key) else { return nil }
        guard let text = fields[key] as? String, !text.isEmpty else { throw error("\"\(key)\" must be a text") }
        return text
    }

    /// `hash_ids`: a list of whole numbers; nil when absent.
    func hashIDs() throws(TraceError) -> [Int]? {
        guard has("hash_ids") else { return nil }
        guard let list = fields["hash_ids"] as? [Any] else { throw error("\"hash_ids\" must be a list of block ids") }
        var ids: [Int] = []
        ids.reserveCapacity(list.count)
        for item in list {
            guard let id = item as? Int else { throw error("\"hash_ids\" must hold whole numbers (found \(item))") }
            ids.append(id)
        }
        return ids
    }
}
