import Foundation
import LLMBenchSupport

/// The words of the input text that prompts are made from.
public struct Corpus: Sendable {
    /// The words in order, as separated by whitespace.
    let words: [String]
    /// Where the text was read from.
    public let path: String

    /// Reads `name`, looked up first in the working folder, then beside the config file.
    public static func load(name: String, configPath: String) throws(PromptError) -> Corpus {
        let candidates = Self.candidates(name: name, configPath: configPath)
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw .corpusMissing(path: name, searched: candidates)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .corpusUnreadable(path: path, reason: "it cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .corpusUnreadable(path: path, reason: "it is not UTF-8 text")
        }
        let words = text.precomposedStringWithCanonicalMapping.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { throw .corpusEmpty(path: path) }
        return Corpus(words: words, path: path)
    }

    static func candidates(name: String, configPath: String) -> [String] {
        if name.hasPrefix("/") { return [name] }
        let beside = ((configPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent(name)
        return beside == name ? [name] : [name, beside]
    }

    /// `count` consecutive words starting at a random place (wrapping around), joined by spaces,
    /// with punctuation left out so that each word is one token on simple tokenizers.
    func passage(words count: Int, using random: inout SeededRandom) -> String {
        let start = Int.random(in: 0..<words.count, using: &random)
        var passage: [String] = []
        passage.reserveCapacity(count)
        var offset = 0
        while passage.count < count, offset < count + words.count {
            let word = words[(start + offset) % words.count].filter { $0.isLetter || $0.isNumber }
            if !word.isEmpty { passage.append(word) }
            offset += 1
        }
        return passage.joined(separator: " ")
    }

    /// `count` distinct random words (letters and digits only) to write a text about.
    func topicWords(count: Int, using random: inout SeededRandom) -> [String] {
        var chosen: [String] = []
        var attempts = 0
        while chosen.count < count, attempts < count * 20 {
            attempts += 1
            let word = words[Int.random(in: 0..<words.count, using: &random)].filter { $0.isLetter || $0.isNumber }
            if word.count >= 2, !chosen.contains(word) { chosen.append(word.lowercased()) }
        }
        return chosen
    }

    /// `count` random short words (one to three letters), to try as the last word of a prompt.
    func shortWords(count: Int, using random: inout SeededRandom) -> [String] {
        let short = Array(Set(words.map { $0.filter(\.isLetter).lowercased() }.filter { (1...3).contains($0.count) }))
            .sorted()
        guard !short.isEmpty else { return [] }
        return (0..<count).map { _ in short[Int.random(in: 0..<short.count, using: &random)] }
    }
}
