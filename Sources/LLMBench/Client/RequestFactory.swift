import NIOCore
import NIOHTTP1

/// Builds the HTTP requests of one benchmark: heads with the right headers, JSON bodies.
struct RequestFactory: Sendable {
    /// Where the requests go.
    let address: ServerAddress
    /// Sent as a bearer token when present.
    let apiKey: APIKey?
    /// The user's extra headers.
    let extraHeaders: [String: String]
    /// The `model` field.
    let model: String
    /// The endpoint of generation requests.
    var api: APIKind = .completions
    /// Fields added to every generation request, as JSON text per name.
    var extraBody: [String: String] = [:]
    /// Whether streamed requests ask for `usage` in every chunk.
    var continuousUsageStats = false

    /// The path of generation requests under the base URL.
    var generationPath: String { api.generationPath }

    /// A request head for `path` under the base URL (`/completions`), or at the server root when
    /// `isRootPath` (as `/tokenize` lives on vLLM and llama.cpp); the base URL's query is kept on both.
    func head(
        method: HTTPMethod,
        path: String,
        isRootPath: Bool = false,
        bodyLength: Int,
        requestID: String? = nil,
        acceptsEventStream: Bool = false
    ) -> HTTPRequestHead {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: address.hostHeader)
        headers.add(name: "User-Agent", value: "llm-bench/\(LLMBenchVersion.current)")
        headers.add(name: "Accept", value: acceptsEventStream ? "text/event-stream" : "application/json")
        // llm-bench reads bodies as they are sent; a compressed answer is reported, never decoded.
        headers.add(name: "Accept-Encoding", value: "identity")
        if bodyLength > 0 || method == .POST {
            headers.add(name: "Content-Type", value: "application/json")
            headers.add(name: "Content-Length", value: String(bodyLength))
        }
        if let apiKey { headers.add(name: "Authorization", value: "Bearer \(apiKey.value)") }
        if let requestID { headers.add(name: "X-Request-Id", value: requestID) }
        for (name, value) in extraHeaders.sorted(by: { $0.key < $1.key }) {
            headers.replaceOrAdd(name: name, value: value)
        }
        return HTTPRequestHead(
            version: .http1_1,
            method: method,
            uri: address.target(of: path, isRootPath: isRootPath),
            headers: headers
        )
    }

    /// The body of a streamed generation request asking for `maxTokens` tokens; `forcesLength`
    /// adds `ignore_eos` and `min_tokens` (the config refuses them in `extra_body`).
    func streamingCompletionBody(prompt: String, maxTokens: Int, forcesLength: Bool = false) -> ByteBuffer {
        streamingBody(messages: [.user(prompt)], maxTokens: maxTokens, forcesLength: forcesLength)
    }

    /// The body of a streamed generation request for a conversation: chat sends the messages,
    /// completions their texts joined by a blank line, as one prompt, the Responses API the
    /// messages as `input`. With `previousResponseID` (the Responses API only; the others keep no
    /// state on the server, so their callers send the whole history) the request continues that
    /// stored response: `messages` are then only the new turn's.
    func streamingBody(
        messages: [ConversationMessage],
        maxTokens: Int,
        forcesLength: Bool = false,
        previousResponseID: String? = nil
    ) -> ByteBuffer {
        var json = JSONObjectWriter()
        json.field("model", model)
        switch api {
        case .completions:
            json.field("prompt", messages.map(\.text).joined(separator: Self.turnSeparator))
        case .chat:
            json.rawField("messages", Self.messagesArray(messages))
        case .responses:
            json.rawField("input", Self.messagesArray(messages, typed: true))
            if let previousResponseID { json.field("previous_response_id", previousResponseID) }
        }
        json.field(api == .responses ? "max_output_tokens" : "max_tokens", maxTokens)
        json.field("stream", true)
        if api != .responses {
            json.rawField(
                "stream_options",
                continuousUsageStats
                    ? #"{"include_usage":true,"continuous_usage_stats":true}"# : #"{"include_usage":true}"#
            )
        }
        if forcesLength {
            json.field("ignore_eos", true)
            json.field("min_tokens", maxTokens)
        }
        for (name, value) in extraBody.sorted(by: { $0.key < $1.key }) { json.rawField(name, value) }
        return ByteBuffer(bytes: json.finish())
    }

    /// What joins the turns of a conversation sent to the completions endpoint.
    static let turnSeparator = "\n\n"

    /// `[{"role":…,"content":…}, …]`; `typed` leads each with `"type":"message"`, as Responses input
    /// items may be written and as some servers (llama.cpp) require.
    static func messagesArray(_ messages: [ConversationMessage], typed: Bool = false) -> String {
        let objects = messages.map { message in
            var object = JSONObjectWriter()
            if typed { object.field("type", "message") }
            object.field("role", message.role.rawValue)
            object.field("content", message.text)
            return String(decoding: object.finish(), as: UTF8.self)
        }
        return "[" + objects.joined(separator: ",") + "]"
    }
}
