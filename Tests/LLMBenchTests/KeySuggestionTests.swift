import Testing

@testable import LLMBench

/// `KeySuggestion`: the edit distance behind "did you mean" and the closeness limit.
struct KeySuggestionTests {
    /// The top-level keys: those the loader reads from a config.
    static let topLevelKeys: [String] = {
        let log = ConfigKeyLog()
        _ = try? ConfigLoader.read(yaml: minimalConfigYAML, file: "bench.yaml", environment: [:], log: log)
        return log.keys(askedIn: "")
    }()

    static func distance(_ a: String, _ b: String) -> Int {
        KeySuggestion.editDistance(Array(a.utf8), Array(b.utf8))
    }

    @Test(arguments: [
        ("", "", 0), ("", "abc", 3), ("abc", "", 3), ("runs", "runs", 0), ("kitten", "sitting", 3), ("flaw", "lawn", 2),
        ("ab", "ba", 1), ("output_dir", "ouput_dir", 1), ("num_concurrent_requests", "num_concurent_requests", 1),
        ("save_format", "save_fromat", 1), ("abc", "xyz", 3), ("a", "b", 1),
    ])
    func editDistance(a: String, b: String, expected: Int) {
        #expect(Self.distance(a, b) == expected)
        #expect(Self.distance(b, a) == expected)
    }

    @Test(
        arguments: [
            ("ouput_dir", "output_dir"), ("num_concurent_requests", "num_concurrent_requests"), ("RUNS", "runs"),
            ("modle", "model"), ("cases_", "cases"), ("base-url", "base_url"), ("savefmt", nil), ("temperature", nil),
            ("x", nil),
        ] as [(String, String?)]
    )
    func closestTopLevelKey(key: String, suggestion: String?) {
        #expect(KeySuggestion.closest(to: key, among: Self.topLevelKeys) == suggestion)
    }

    @Test func noCandidatesNoSuggestion() {
        #expect(KeySuggestion.closest(to: "runs", among: [String]()) == nil)
    }

    @Test func limitGrowsWithTheKeyLength() {
        // Two edits are always allowed; a third only for keys of 9 or more characters.
        #expect(KeySuggestion.closest(to: "abxy", among: ["abcd"]) == "abcd")
        #expect(KeySuggestion.closest(to: "axyz", among: ["abcd"]) == nil)
        #expect(KeySuggestion.closest(to: "abcdefxyz", among: ["abcdefghi"]) == "abcdefghi")
        #expect(KeySuggestion.closest(to: "abcdewxyz", among: ["abcdefghi"]) == nil)
    }
}
