import Foundation

/// Reads dataset files: JSON lines of `{"prompt", "output_tokens"}` and ShareGPT conversations.
enum Dataset {
    /// The entries of `path` (relative to the working folder, then to the config's folder).
    static func load(path: String, format: DatasetFormat, configPath: String, limit: Int?) throws(PromptError)
        -> [DatasetEntry]
    {
        let (found, text) = try read(path: path, configPath: configPath)
        var entries = try parse(text, format: format, path: found)
        if let limit { entries = Array(entries.prefix(limit)) }
        guard !entries.isEmpty else { throw .dataset(path: found, line: nil, reason: "it holds no usable prompt") }
        return entries
    }

    /// The path found for `path` (relative to the working folder, then to the config's folder)
    /// and its text.
    static func read(path: String, configPath: String) throws(PromptError) -> (path: String, text: String) {
        let candidates = Corpus.candidates(name: path, configPath: configPath)
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw .dataset(
                path: path,
                line: nil,
                reason: "not found (looked in \(candidates.joined(separator: " and ")))"
            )
        }
        guard let data = FileManager.default.contents(atPath: found), let text = String(data: data, encoding: .utf8)
        else {
            throw .dataset(path: found, line: nil, reason: "it cannot be read as UTF-8 text")
        }
        return (found, text)
    }

    /// Parses dataset text; `path` names it in errors.
    static func parse(_ text: String, format: DatasetFormat, path: String) throws(PromptError) -> [DatasetEntry] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if format == .sharegpt, trimmed.hasPrefix("[") {
            guard let array = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [Any] else {
                throw .dataset(path: path, line: nil, reason: "it is not a valid JSON array of conversations")
            }
            var entries: [DatasetEntry] = []
            for (index, item) in array.enumerated() {
                if let entry = try shareGPTEntry(item, path: path, position: "item \(index + 1)") {
                    entries.append(entry)
                }
            }
            return entries
        }
        var entries: [DatasetEntry] = []
        for (index, line) in text.lineFeedLines.enumerated() {
            let content = line.trimmingCharacters(in: .whitespaces)
            guard !content.isEmpty else { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(content.utf8)) as? [String: Any] else {
                throw .dataset(path: path, line: index + 1, reason: "not a JSON object")
            }
            switch format {
            case .jsonl:
                guard let prompt = object["prompt"] as? String, !prompt.isEmpty else {
                    throw .dataset(path: path, line: index + 1, reason: "no \"prompt\" text")
                }
                let output = object["output_tokens"] ?? object["max_tokens"] ?? object["output_len"]
                var tokens: Int?
                if let output {
                    guard let value = output as? Int, value >= 1 else {
                        throw .dataset(
                            path: path,
                            line: index + 1,
                            reason: "\"output_tokens\" must be a whole number of at least 1"
                        )
                    }
                    tokens = value
                }
                entries.append(DatasetEntry(prompt: prompt, outputTokens: tokens))
            case .sharegpt:
                if let entry = try shareGPTEntry(object, path: path, position: "line \(index + 1)") {
                    entries.append(entry)
                }
            }
        }
        return entries
    }

    /// The first human turn and the answer after it; nil for a conversation without both.
    private static func shareGPTEntry(_ item: Any, path: String, position: String) throws(PromptError) -> DatasetEntry?
    {
        guard let object = item as? [String: Any], let turns = object["conversations"] as? [[String: Any]] else {
            throw .dataset(path: path, line: nil, reason: "\(position) has no \"conversations\" list")
        }
        let human = ["human", "user"]
        let model = ["gpt", "assistant", "chatgpt", "bard", "bing"]
        guard let first = turns.firstIndex(where: { human.contains(($0["from"] as? String ?? "").lowercased()) }),
            first + 1 < turns.count,
            let prompt = turns[first]["value"] as? String, !prompt.isEmpty,
            model.contains((turns[first + 1]["from"] as? String ?? "").lowercased()),
            let answer = turns[first + 1]["value"] as? String, !answer.isEmpty
        else { return nil }
        return DatasetEntry(prompt: prompt, outputTokens: nil, referenceAnswer: answer)
    }
}
