import Testing
import Yams

@testable import LLMBench

/// The manifests' YAML: every string reads back as itself, whatever it holds.
struct KubernetesYAMLTests {
    static let awkwardTexts = [
        "plain", "1Gi", "500m", "2", "007", "1e3", "0x1F", "1_000", "2024-06-01", "true", "no", "Off", "null", "~",
        "", " leading space", "trailing space ", "a: b", "- item", "#comment", "--output-dir", "llm-bench:0.1.0",
        "quote\"and\\backslash", "tab\there", "one\ntwo\n", "no final break\nsecond", "two final breaks\n\n",
        "  indented first line\nnext\n", "\nstarts with a break\n", "   \n  \nafter blank lines with spaces\n",
        "windows\r\nline ends\r\n", "bell\u{07}", "del\u{7F}", "nel\u{85}line", "bom\u{FEFF}", "Tiếng Việt 🚀\n",
        "line with trailing spaces   \nand tabs\t\n", "\t\ttabs first\nx\n",
    ]

    @Test(arguments: awkwardTexts)
    func stringReadsBackAsItselfAsAValue(text: String) throws {
        let document = KubernetesYAML.mapping([("key", .string(text)), ("after", .integer(1))]).document
        let parsed = try #require(try Yams.load(yaml: document) as? [String: Any], "\(document)")
        #expect(parsed["key"] as? String == text, "\(document)")
        #expect(parsed["after"] as? Int == 1)
    }

    @Test(arguments: awkwardTexts)
    func stringReadsBackAsItselfInASequenceAndAsAKey(text: String) throws {
        let document = KubernetesYAML.mapping([
            ("items", .sequence([.string(text), .string("next")])), (text.isEmpty ? "k" : text, .boolean(true)),
        ]).document
        let parsed = try #require(try Yams.load(yaml: document) as? [String: Any], "\(document)")
        #expect(parsed["items"] as? [String] == [text, "next"], "\(document)")
        #expect(parsed[text.isEmpty ? "k" : text] as? Bool == true, "\(document)")
    }

    @Test func numbersAndWordsOtherReadersTakeForValuesAreQuoted() {
        for text in ["1", "1.5", "1e3", "yes", "on", "2024-06-01", ".5", "-1", "0o17"] {
            #expect(!KubernetesScalar.isPlainSafe(text), "\(text)")
        }
        for text in ["llm-bench", "1Gi", "500m", "/etc/llm-bench/bench.yaml", "batch/v1"] {
            #expect(KubernetesScalar.isPlainSafe(text), "\(text)")
        }
    }

    @Test func nestedMappingsAndSequencesKeepTheirOrderAndKubernetesIndentation() {
        let value = KubernetesYAML.mapping([
            ("b", .mapping([("z", .integer(1)), ("a", .integer(2))])),
            ("list", .sequence([.mapping([("name", .string("x")), ("value", .string("4"))]), .mapping([])])),
            ("empty", .sequence([])),
        ])
        #expect(
            value.document == """
                b:
                  z: 1
                  a: 2
                list:
                - name: x
                  value: "4"
                - {}
                empty: []

                """
        )
    }
}
