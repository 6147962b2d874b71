import Testing

@testable import LLMBench

struct ReportCaseTests {
    /// The columns of a case of `input` → `output` tokens at concurrency `concurrency`.
    private static func columns(_ input: Int, _ output: Int, concurrency: Int) -> [String: JSONValue] {
        [
            "input_tokens": .integer(input), "output_tokens": .integer(output), "workload": .string("fixed"),
            "load_mode": .string("concurrency"), "load_concurrency": .integer(concurrency),
        ]
    }

    /// A run whose case `i` has the setting `settings[i]`, two records each with TTFT `ttft + i`.
    private static func run(id: String, _ settings: [(Int, Int, Int)], ttft: Double) -> RunResults {
        let cases = settings.enumerated().map { index, setting in
            ReportFixtures.results(caseIndex: index, columns(setting.0, setting.1, concurrency: setting.2))
        }
        let records = settings.indices.flatMap { caseIndex in
            (0..<2).map {
                ReportFixtures.record(
                    index: $0,
                    caseIndex: caseIndex,
                    sendSeconds: Double(caseIndex * 2 + $0),
                    ttft: ttft + Double(caseIndex)
                )
            }
        }
        return ReportFixtures.run(id: id, cases: cases, records: records)
    }

    @Test func groupsCasesByWhatTheyAreNotByTheirPosition() throws {
        let faults = Self.run(id: "aaaaaa", [(32, 32, 8)], ttft: 10)
        let demo = Self.run(id: "bbbbbb", [(128, 128, 16), (32, 32, 8)], ttft: 50)
        let cases = ReportCase.grouped(ReportRun.labelled([faults, demo]))
        #expect(cases.map(\.settingText) == ["32 → 32 tokens · c=8", "128 → 128 tokens · c=16"])
        #expect(cases[0].entries.map(\.run.results.runID) == ["aaaaaa", "bbbbbb"])
        #expect(cases[0].entries.map(\.results.caseIndex) == [0, 1])
        #expect(cases[1].entries.map(\.run.results.runID) == ["bbbbbb"])

        let ttft = try #require(CaseCharts(cases[0]).distributionCharts.first)
        #expect(ttft.series.map(\.name) == ["aaaaaa", "bbbbbb"])
        #expect(ttft.series.map { $0.points.map(\.x) } == [[10], [51]])
    }

    @Test func titlesEachSectionByItsSetting() {
        let faults = Self.run(id: "aaaaaa", [(32, 32, 8)], ttft: 10)
        let demo = Self.run(id: "bbbbbb", [(128, 128, 16), (32, 32, 8)], ttft: 50)
        let html = HTMLReport(runs: [faults, demo]).render()
        #expect(html.contains("<h2 id=\"case-1-heading\">32 → 32 tokens · c=8</h2>"))
        #expect(html.contains("<h2 id=\"case-2-heading\">Case 1 · 128 → 128 tokens · c=16</h2>"))
        #expect(!html.contains("heading\">Case 1 · 32 → 32"))
    }

    @Test func keepsARunsRepeatedSettingApart() {
        let run = Self.run(id: "aaaaaa", [(32, 32, 8), (32, 32, 8)], ttft: 10)
        let cases = ReportCase.grouped(ReportRun.labelled([run]))
        #expect(cases.map(\.settingText) == ["32 → 32 tokens · c=8", "32 → 32 tokens · c=8 · repeat 2"])
        #expect(cases.map { $0.entries.map(\.records.count) } == [[2], [2]])
    }
}
