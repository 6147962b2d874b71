import Foundation

/// A Responses API answer read by the control plane: a `response` object, or the stream of its
/// events (`response.output_text.delta` … `response.completed`).
extension GenerationAnswer {
    /// Reads `body` as a Responses answer; nil when it is neither a response object nor a stream of
    /// Responses events (any `type` starting with `response.`).
    init?(responsesBody body: [UInt8]) {
        if let object = try? JSONDecoder().decode(ResponseObject.self, from: Data(body)) {
            guard object.object == "response" || object.output != nil else { return nil }
            text = object.outputText
            promptTokens = object.usage?.inputTokens
            completionTokens = object.usage?.outputTokens
            isStream = false
            tokenEvents = 0
            return
        }
        var parser = ServerSentEventParser(maxEventBytes: max(1, body.count))
        var events: [ResponseEvent] = []
        let collect: (ServerSentEvent) -> Void = { event in
            guard let decoded = try? JSONDecoder().decode(ResponseEvent.self, from: Data(event.data)) else { return }
            events.append(decoded)
        }
        do {
            try parser.feed(body, onEvent: collect)
            try parser.finish(onEvent: collect)
        } catch {
            return nil
        }
        guard events.contains(where: { $0.type?.hasPrefix("response.") == true }) else { return nil }
        let deltas = events.filter { $0.type == "response.output_text.delta" }.compactMap(\.delta).filter {
            !$0.isEmpty
        }
        text = deltas.joined()
        let usage = events.last { $0.response?.usage != nil }?.response?.usage
        promptTokens = usage?.inputTokens
        completionTokens = usage?.outputTokens
        isStream = true
        tokenEvents = deltas.count
    }

    /// A `response` object, as far as the control plane reads it.
    private struct ResponseObject: Decodable {
        struct Item: Decodable {
            var type: String?
            var content: [Part]?
        }

        struct Part: Decodable {
            var type: String?
            var text: String?
        }

        struct Usage: Decodable {
            var inputTokens: Int?
            var outputTokens: Int?

            enum CodingKeys: String, CodingKey {
                case inputTokens = "input_tokens"
                case outputTokens = "output_tokens"
            }

            /// A count that is not a whole number is taken as absent, not as a broken answer.
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                inputTokens = try? container.decodeIfPresent(Int.self, forKey: .inputTokens)
                outputTokens = try? container.decodeIfPresent(Int.self, forKey: .outputTokens)
            }
        }

        var object: String?
        var output: [Item]?
        var usage: Usage?

        /// The texts of the `output_text` parts of the message items, joined.
        var outputText: String {
            (output ?? []).filter { $0.type == "message" }.flatMap { $0.content ?? [] }
                .filter { $0.type == "output_text" }.compactMap(\.text).joined()
        }
    }

    /// One streamed Responses event: its type, a delta's text, a final event's response.
    private struct ResponseEvent: Decodable {
        var type: String?
        var delta: String?
        var response: ResponseObject?
    }
}
