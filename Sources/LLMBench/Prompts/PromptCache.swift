import Foundation

/// Prepared prompts saved per model, measurement and length, so the next benchmark that would
/// measure them the same way reuses them instead of generating again.
///
/// A prompt's length depends on more than the model: the chat endpoint's template adds tokens,
/// another server may tokenize differently, and the special tokens a server adds count too. So
/// the files are `{folder}/{model}/{api}-{measured_by}-{key}/{input_tokens}.jsonl`, where `key`
/// is a digest of the server and the special tokens per prompt.
struct PromptCache: Sendable {
    /// The cache's root folder.
    let folder: String
    /// The model the prompts were measured for.
    let model: String
    /// The folder name of the measurement: endpoint, method and the digest of the rest.
    let measurement: String

    /// The cache of prompts for `model` measured on `api` of `server` (its base URL, or a fixed
    /// name for the embedded simulator, whose port changes every run) by `tokenizer`.
    init(
        folder: String,
        model: String,
        api: APIKind,
        server: String,
        tokenizer: ServerTokenizer.Source,
        specialTokens: Int
    ) {
        self.folder = folder
        self.model = model
        let digest = Self.digest("\(server)\n\(specialTokens)")
        measurement = "\(api.rawValue)-\(tokenizer.rawValue)-\(digest)"
    }

    /// The file holding prompts of `tokens` tokens.
    func path(tokens: Int) -> String {
        "\(folder)/\(Self.safeName(model))/\(measurement)/\(tokens).jsonl"
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

    private static func safeName(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
    }

    /// FNV-1a, 64 bits, as 16 hex digits: stable across runs and platforms (unlike `Hasher`).
    private static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
