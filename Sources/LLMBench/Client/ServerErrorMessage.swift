import Foundation

/// Reads a human message out of an error body or error event, off the hot path.
enum ServerErrorMessage {
    /// `error.message`, `message` or `detail` of a JSON body (`response.error.message` of a Responses
    /// `response.failed` event), else a short preview of the bytes.
    static func extract(from bytes: [UInt8]) -> String {
        if let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] {
            if let error = object["error"] as? [String: Any], let message = error["message"] as? String {
                return message
            }
            if let response = object["response"] as? [String: Any], let error = response["error"] as? [String: Any],
                let message = error["message"] as? String
            {
                return message
            }
            if let message = object["error"] as? String { return message }
            if let message = object["message"] as? String { return message }
            if let detail = object["detail"] as? String { return detail }
        }
        return preview(bytes)
    }

    /// The message of a JSON body that carries an `error` (an object with a `message`, or a string);
    /// nil for any other body.
    static func errorMessage(in bytes: [UInt8]) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            let error = object["error"]
        else { return nil }
        if let message = (error as? [String: Any])?["message"] as? String { return message }
        return error as? String ?? preview(bytes)
    }

    /// The first 200 bytes as text, for messages.
    static func preview(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(200), as: UTF8.self)
        return bytes.count > 200 ? text + "…" : text
    }
}
