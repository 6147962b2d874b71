import Foundation

/// Reads files of conversations for `sessions:` cases.
///
/// - `jsonl`: one conversation per line,
///   `{"system": "…"?, "turns": [{"user": "…", "assistant": "…"?, "output_tokens": N?}, …]}`.
/// - `sharegpt`: a JSON array (or JSON lines) of `{"conversations": [{"from", "value"}, …]}`; a
///   leading `system` message is the system prompt, then each human message and the model message
///   after it make a turn. A conversation is read up to where its messages stop alternating; one
///   without a human message is skipped.
enum ConversationDataset {
    /// The conversations of `path` (relative to the working folder, then to the config's folder), at
    /// most `limit`; `needsAnswers` (answers replayed) makes a turn without one, other than the
    /// last, an error.
    static func load(path: String, format: DatasetFormat, configPath: String, limit: Int?, needsAnswers: Bool)
        throws(PromptError) -> [Conversation]
    {
        let (found, text) = try Dataset.read(path: path, configPath: configPath)
        var conversations = try parse(text, format: format, path: found, needsAnswers: needsAnswers)
        if let limit { conversations = Array(conversations.prefix(limit)) }
        guard !conversations.isEmpty else {
            throw .dataset(path: found, line: nil, reason: "it holds no conversation with a user message")
        }
        return conversations
    }

    /// Parses the text of a conversations file; `path` names it in errors.
    static func parse(_ text: String, format: DatasetFormat, path: String, needsAnswers: Bool) throws(PromptError)
        -> [Conversation]
    {
        var conversations: [Conversation] = []
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if format == .sharegpt, trimmed.hasPrefix("[") {
            guard let array = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [Any] else {
                throw .dataset(path: path, line: nil, reason: "it is not a valid JSON array of conversations")
            }
            for (index, item) in array.enumerated() {
                let place = Place(path: path, line: nil, name: "item \(index + 1)")
                if let conversation = try shareGPT(item, at: place) { conversations.append(conversation) }
            }
            return conversations
        }
        for (index, line) in text.lineFeedLines.enumerated() {
            let content = line.trimmingCharacters(in: .whitespaces)
            guard !content.isEmpty else { continue }
            let place = Place(path: path, line: index + 1, name: nil)
            guard let object = try? JSONSerialization.jsonObject(with: Data(content.utf8)) as? [String: Any] else {
                throw place.error("not a JSON object")
            }
            switch format {
            case .jsonl: conversations.append(try jsonl(object, at: place, needsAnswers: needsAnswers))
            case .sharegpt: if let conversation = try shareGPT(object, at: place) { conversations.append(conversation) }
            }
        }
        return conversations
    }

    /// Where a conversation is in its file: a line of JSON lines, or an item of a JSON array.
    private struct Place {
        let path: String
        let line: Int?
        let name: String?

        func error(_ reason: String) -> PromptError {
            .dataset(path: path, line: line, reason: name.map { "\($0) \(reason)" } ?? reason)
        }
    }

    /// A JSONL conversation: `{"system"?, "turns": [{"user", "assistant"?, "output_tokens"?}, …]}`.
    private static func jsonl(_ object: [String: Any], at place: Place, needsAnswers: Bool) throws(PromptError)
        -> Conversation
    {
        guard let items = object["turns"] as? [Any], !items.isEmpty else {
            throw place.error("has no \"turns\" list of {\"user\", \"assistant\", \"output_tokens\"} objects")
        }
        var system: String?
        if let value = object["system"] {
            guard let text = value as? String else { throw place.error("has a \"system\" that is not text") }
            system = text.isEmpty ? nil : text
        }
        var turns: [Conversation.Turn] = []
        for (index, item) in items.enumerated() {
            let name = "turn \(index + 1)"
            guard let turn = item as? [String: Any] else { throw place.error("\(name) is not a JSON object") }
            guard let user = turn["user"] as? String, !user.isEmpty else {
                throw place.error("\(name) has no \"user\" text")
            }
            var answer: String?
            if let value = turn["assistant"] {
                guard let text = value as? String else {
                    throw place.error("\(name) has an \"assistant\" that is not text")
                }
                answer = text
            }
            var tokens: Int?
            if let value = turn["output_tokens"] {
                guard let count = value as? Int, count >= 1 else {
                    throw place.error("\(name) has an \"output_tokens\" that is not a whole number of at least 1")
                }
                tokens = count
            }
            if needsAnswers, index < items.count - 1, answer?.isEmpty ?? true {
                throw place.error("\(name) has no \"assistant\" text to replay (replay_answers is true)")
            }
            turns.append(Conversation.Turn(user: user, assistant: answer, outputTokens: tokens))
        }
        return Conversation(system: system, turns: turns)
    }

    /// A ShareGPT conversation; nil when it has no human message.
    private static func shareGPT(_ item: Any, at place: Place) throws(PromptError) -> Conversation? {
        guard let object = item as? [String: Any], let messages = object["conversations"] as? [Any] else {
            throw place.error("has no \"conversations\" list")
        }
        var parsed: [(role: String, text: String)] = []
        for (index, message) in messages.enumerated() {
            guard let message = message as? [String: Any], let role = message["from"] as? String,
                let text = message["value"] as? String
            else {
                throw place.error("message \(index + 1) is not a {\"from\", \"value\"} object of texts")
            }
            parsed.append((role.lowercased(), text))
        }
        let human = ["human", "user"]
        let model = ["gpt", "assistant", "chatgpt", "bard", "bing", "model"]
        var position = 0
        var system: String?
        if let first = parsed.first, first.role == "system" {
            system = first.text.isEmpty ? nil : first.text
            position = 1
        }
        var turns: [Conversation.Turn] = []
        while position < parsed.count, human.contains(parsed[position].role), !parsed[position].text.isEmpty {
            var turn = Conversation.Turn(user: parsed[position].text)
            position += 1
            if position < parsed.count, model.contains(parsed[position].role), !parsed[position].text.isEmpty {
                turn.assistant = parsed[position].text
                position += 1
                turns.append(turn)
            } else {
                turns.append(turn)
                break
            }
        }
        return turns.isEmpty ? nil : Conversation(system: system, turns: turns)
    }
}
