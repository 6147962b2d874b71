import Foundation
import NIOCore
import NIOHTTP1

extension ControlClient {
    /// A generation request of `text` on the benchmarked endpoint (completions, chat or responses);
    /// with `isStreaming` it asks for a stream with `usage` in its last chunk (a Responses stream
    /// always ends with it).
    nonisolated func generate(
        api: APIKind,
        model: String,
        text: String,
        maxTokens: Int,
        isStreaming: Bool = false,
        extraFields: [String: Any] = [:]
    ) async throws(RequestFailure) -> Answer {
        var body: [String: Any] = ["model": model, "stream": isStreaming]
        switch api {
        case .completions:
            body["prompt"] = text
            body["max_tokens"] = maxTokens
        case .chat:
            body["messages"] = [["role": "user", "content": text]]
            body["max_tokens"] = maxTokens
        case .responses:
            // As the timed requests send it, so that `usage` counts the same tokens.
            body["input"] = [["role": "user", "content": text]]
            body["max_output_tokens"] = maxTokens
        }
        if isStreaming, api != .responses { body["stream_options"] = ["include_usage": true] }
        body.merge(extraFields) { $1 }
        return try await call(.POST, path: api.generationPath, body: body)
    }
}

/// What a completions, chat or Responses answer says, read alike from a JSON body and from an SSE
/// stream (some servers and proxies stream every answer, even one asked with `stream: false`).
struct GenerationAnswer: Sendable, Equatable {
    /// The generated text (the chunks' texts joined, for a stream).
    var text: String
    /// `usage.prompt_tokens`, when the server reports it.
    var promptTokens: Int?
    /// `usage.completion_tokens`, when the server reports it.
    var completionTokens: Int?
    /// Whether the answer was an SSE stream.
    var isStream: Bool
    /// Chunks of a stream that carried text; one per token on most servers.
    var tokenEvents: Int

    /// The generated tokens as the server counted them: `usage.completion_tokens`, else the
    /// text-carrying chunks of a stream; nil for a JSON answer without usage.
    var countedTokens: Int? {
        completionTokens ?? (isStream ? tokenEvents : nil)
    }

    /// Reads `body`; nil when it is neither a completion or response object nor a stream of them.
    init?(body: [UInt8]) {
        if let answer = GenerationAnswer(responsesBody: body) {
            self = answer
            return
        }
        if let object = try? JSONDecoder().decode(Chunk.self, from: Data(body)) {
            guard object.choices != nil || object.usage != nil else { return nil }
            text = object.choices?.first?.text ?? ""
            promptTokens = object.usage?.promptTokens
            completionTokens = object.usage?.completionTokens
            isStream = false
            tokenEvents = 0
            return
        }
        var parser = ServerSentEventParser(maxEventBytes: max(1, body.count))
        var chunks: [Chunk] = []
        let collect: (ServerSentEvent) -> Void = { event in
            guard !event.isDoneMarker, let chunk = try? JSONDecoder().decode(Chunk.self, from: Data(event.data))
            else { return }
            chunks.append(chunk)
        }
        do {
            try parser.feed(body, onEvent: collect)
            try parser.finish(onEvent: collect)
        } catch {
            return nil
        }
        guard !chunks.isEmpty else { return nil }
        let texts = chunks.compactMap { $0.choices?.first?.text }.filter { !$0.isEmpty }
        text = texts.joined()
        let usage = chunks.last { $0.usage != nil }?.usage
        promptTokens = usage?.promptTokens
        completionTokens = usage?.completionTokens
        isStream = true
        tokenEvents = texts.count
    }

    /// One completion object or stream chunk, as far as the control plane reads it.
    private struct Chunk: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable {
                var content: String?
            }
            /// Completions: `text`; chat: `message.content`, or `delta.content` in a stream.
            var text: String? { plainText ?? message?.content ?? delta?.content }
            var plainText: String?
            var message: Message?
            var delta: Message?

            enum CodingKeys: String, CodingKey {
                case plainText = "text"
                case message
                case delta
            }
        }

        struct Usage: Decodable {
            var promptTokens: Int?
            var completionTokens: Int?

            enum CodingKeys: String, CodingKey {
                case promptTokens = "prompt_tokens"
                case completionTokens = "completion_tokens"
            }

            /// A count that is not a whole number is taken as absent, not as a broken answer.
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                promptTokens = try? container.decodeIfPresent(Int.self, forKey: .promptTokens)
                completionTokens = try? container.decodeIfPresent(Int.self, forKey: .completionTokens)
            }
        }

        var choices: [Choice]?
        var usage: Usage?
    }
}

extension ControlClient.Answer {
    /// The body read as a generation answer (JSON or SSE).
    var generation: GenerationAnswer? { GenerationAnswer(body: Array(body.readableBytesView)) }
}
