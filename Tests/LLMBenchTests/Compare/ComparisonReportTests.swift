import Foundation
import Testing

@testable import LLMBench

/// The console, Markdown and JSON renderings of a comparison.
struct ComparisonReportTests {
    static func report(seed: UInt64 = 1, gate: [String] = []) throws -> ComparisonReport {
        let options = ComparisonOptions(seed: seed, bootstrapResamples: 300)
        let comparison = RunComparison(
            baseline: [
                comparisonRun(
                    "base01",
                    [
                        ComparisonCaseFixture(ttfts: spreadTTFTs(40, around: 10)),
                        ComparisonCaseFixture(caseIndex: 1, inputTokens: 300, ttfts: [5, 6]),
                    ]
                )
            ],
            candidate: [comparisonRun("cand01", [ComparisonCaseFixture(ttfts: spreadTTFTs(40, around: 15))])],
            baselineName: "before/",
            candidateName: "after/",
            options: options
        )
        return ComparisonReport(
            comparisons: [comparison],
            gate: RegressionGate(expressions: try gate.map { try GateExpression(parsing: $0) })
        )
    }

    @Test(arguments: ComparisonReport.Format.allCases)
    func theSameRunsAndSeedGiveTheSameBytes(format: ComparisonReport.Format) throws {
        #expect(try Self.report().render(format) == Self.report().render(format))
    }

    @Test func anotherSeedGivesOtherIntervals() throws {
        #expect(try Self.report(seed: 1).render(.json) != Self.report(seed: 2).render(.json))
    }

    @Test func theConsoleTableIsAlignedPerCase() throws {
        let text = try Self.report().render(.console)
        #expect(text.contains("Comparing after/ (run cand01) with baseline before/ (run base01)."))
        #expect(text.contains("seed 1"))
        #expect(
            text.contains("100 in / 8 out, concurrency 4: baseline 40 requests (1 run), candidate 40 requests (1 run)")
        )
        let lines = text.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("  figure") })
        let row = try #require(lines.first { $0.hasPrefix("  ttft_p90_ms") })
        // Right-aligned figures end where their heads end.
        let end = try #require(header.range(of: "candidate")).upperBound.utf16Offset(in: header)
        let characters = Array(row)
        #expect(characters[end - 1].isNumber && characters[end] == " ", "\(row)")
        #expect(row.hasSuffix("worse"))
        #expect(text.contains("Unmatched cases:\n  only in the baseline: 300 in / 8 out, concurrency 4\n"))
    }

    @Test func theMarkdownHasAHeadingAndATablePerCase() throws {
        let text = try Self.report(gate: ["ttft_p90_ms>+10%"]).render(.markdown)
        #expect(text.hasPrefix("## llm-bench compare: after/ against before/\n"))
        #expect(text.contains("\n### 100 in / 8 out, concurrency 4\n"))
        #expect(text.contains("| figure | baseline | candidate | change | change % | test | verdict |\n| --- | ---: |"))
        #expect(text.contains("| `ttft_p90_ms` | "))
        #expect(text.contains("| **worse** |"))
        #expect(text.contains("### Unmatched cases\n\n- only in the baseline: 300 in / 8 out, concurrency 4\n"))
        #expect(text.contains("### Gate\n\n- gate: crossed: ttft\\_p90\\_ms>+10% in 100 in / 8 out, concurrency 4: +"))
        #expect(text.contains("- gate failed\n"))
    }

    @Test func theJSONHoldsEveryFigureWithSortedKeys() throws {
        let text = try Self.report(gate: ["ttft_p90_ms>+10%"]).render(.json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Array(object.keys).sorted() == ["comparisons", "gate", "options"])
        let comparisons = try #require(object["comparisons"] as? [[String: Any]])
        let cases = try #require(comparisons.first?["cases"] as? [[String: Any]])
        let figures = try #require(cases.first?["figures"] as? [[String: Any]])
        let p90 = try #require(figures.first { $0["name"] as? String == "ttft_p90_ms" })
        #expect(p90["verdict"] as? String == "worse")
        #expect(p90["significant"] as? Bool == true)
        #expect((p90["test"] as? [String: Any])?["kind"] as? String == "bootstrap")
        let expected = try #require(
            Distribution(spreadTTFTs(40, around: 15))?[.p90]
        )
        #expect(p90["candidate"] as? Double == expected)
        #expect((object["gate"] as? [String: Any])?["failed"] as? Bool == true)
        #expect((object["options"] as? [String: Any])?["seed"] as? Int == 1)
        // Keys in order within each object: "alpha" before "bootstrap_resamples" etc.
        let options = try #require(text.range(of: "\"options\": {"))
        let tail = text[options.upperBound...]
        let alpha = try #require(tail.range(of: "\"alpha\""))
        let seed = try #require(tail.range(of: "\"seed\""))
        #expect(alpha.lowerBound < seed.lowerBound)
    }

    @Test(arguments: ComparisonReport.Format.allCases)
    func everyOutputSaysRunToRunVariationIsLeftOut(format: ComparisonReport.Format) throws {
        let text = try Self.report().render(format)
        #expect(text.contains("treat requests as independent and do not include run-to-run variation"))
        #expect(text.contains("the baseline and the candidate hold one run each: use several runs per side"))
    }

    @Test func withSeveralRunsPerSideOnlyTheIndependenceCaveatRemains() {
        let runs = { (prefix: String) in
            (1...2).map { comparisonRun("\(prefix)\($0)", [ComparisonCaseFixture(ttfts: spreadTTFTs(10, around: 10))]) }
        }
        let comparison = RunComparison(baseline: runs("base"), candidate: runs("cand"))
        #expect(ComparisonText.caveats(comparison).count == 1)
    }

    @Test func markdownEscapesWhatWouldBreakATableOrMakeALink() {
        #expect(
            ComparisonReport.escaped("a|b\n[x](y)_z*`<w>\\") == "a\\|b \\[x\\](y)\\_z\\*\\`\\<w>\\\\"
        )
        let fixture = ComparisonCaseFixture(ttfts: spreadTTFTs(10, around: 10))
        let comparison = RunComparison(
            baseline: [comparisonRun("base01", [fixture])],
            candidate: [comparisonRun("cand01", [fixture])],
            baselineName: "runs|[old](x)\nnext",
            candidateName: "new_run"
        )
        let text = ComparisonReport(comparisons: [comparison]).render(.markdown)
        #expect(text.hasPrefix("## llm-bench compare: new\\_run against runs\\|\\[old\\](x) next\n"))
    }
}
