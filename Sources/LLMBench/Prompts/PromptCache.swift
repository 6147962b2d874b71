import Foundation

/// Prepared prompts saved per model and length (`{folder}/{model}/{input_tokens}.jsonl`), so the
/// next benchmark of the same model and length reuses them instead of generating again.
struct PromptCache: Sendable {
    /// The cache's root folder.
    let folder: String
    /// The model the prompts were measured for.
    let model: String

    /// The file holding prompts of `tokens` tokens.
    func path(tokens: Int) -> String {
        let safeModel = String(model.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
        return "\(folder)/\(safeModel)/\(tokens).jsonl"
    }

    /// The saved prompts of exactly `tokens` tokens (an absent file is an empty cache).
    func load(tokens: Int) throws(PromptError) -> [PreparedPrompt] {
        let path = path(tokens: tokens)
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .cache(path: path, reason: "it cannot be read as UTF-8")
        }
        var prompts: [PreparedPrompt] = []
        for (number, line) in text.split(separator: "\n").enumerated() where !line.isEmpty {
            guard let prompt = try? JSONDecoder().decode(PreparedPrompt.self, from: Data(line.utf8)) else {
                throw .cache(path: path, reason: "line \(number + 1) is not a prompt record")
            }
            if prompt.target == tokens { prompts.append(prompt) }
        }
        return prompts
    }

    /// Replaces the saved prompts of `tokens` tokens with `prompts`.
    func save(_ prompts: [PreparedPrompt], tokens: Int) throws(PromptError) {
        let path = path(tokens: tokens)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true
            )
            let lines = try prompts.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw .cache(path: path, reason: (error as NSError).localizedDescription)
        }
    }
}
