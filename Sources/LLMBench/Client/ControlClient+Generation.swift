import NIOHTTP1

extension ControlClient {
    /// A non-streamed generation request of `text` on the benchmarked endpoint (completions or chat).
    nonisolated func generate(
        api: APIKind,
        model: String,
        text: String,
        maxTokens: Int,
        extraFields: [String: Any] = [:]
    ) async throws(RequestFailure) -> Answer {
        var body: [String: Any] = ["model": model, "max_tokens": maxTokens, "stream": false]
        switch api {
        case .completions: body["prompt"] = text
        case .chat: body["messages"] = [["role": "user", "content": text]]
        }
        body.merge(extraFields) { $1 }
        return try await call(.POST, path: api == .chat ? "/chat/completions" : "/completions", body: body)
    }
}

extension ControlClient.Answer {
    /// The generated text of a completions or chat answer.
    var generatedText: String? {
        guard let choice = (object?["choices"] as? [[String: Any]])?.first else { return nil }
        if let text = choice["text"] as? String { return text }
        return (choice["message"] as? [String: Any])?["content"] as? String
    }

    /// `usage.prompt_tokens`.
    var promptTokens: Int? {
        (object?["usage"] as? [String: Any])?["prompt_tokens"] as? Int
    }
}
