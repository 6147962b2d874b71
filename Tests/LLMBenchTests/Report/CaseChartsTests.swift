import Testing

@testable import LLMBench

struct CaseChartsTests {
    private static func run(id: String, ttfts: [Double], position: Int = 0) -> RunResults {
        let records = ttfts.enumerated().map { index, ttft in
            ReportFixtures.record(index: index, sendSeconds: Double(index), ttft: ttft, itl: [5, 7, 6])
        }
        let warmup = ReportFixtures.record(index: 99, sendSeconds: 0, ttft: 5000, isWarmup: true)
        return ReportFixtures.run(
            id: id,
            cases: [ReportFixtures.results(["ttft_p50_ms": .integer(1)])],
            records: [warmup] + records
        )
    }

    @Test func drawsOneCDFPerChartedMetricWithTheRecordsValues() throws {
        let runs = ReportRun.labelled([Self.run(id: "abc123", ttfts: [30, 10, 20])])
        let charts = CaseCharts(ReportCase.grouped(runs)[0])
        let distributions = charts.distributionCharts
        #expect(distributions.map(\.id) == ["c1-cdf-ttft", "c1-cdf-tpot", "c1-cdf-itl", "c1-cdf-e2e"])
        let ttft = try #require(distributions.first)
        #expect(ttft.series.count == 1)
        #expect(ttft.series[0].style == .step)
        #expect(ttft.series[0].points.map(\.x) == [10, 20, 30])
        #expect(ttft.series[0].points.last?.y == 1)
        #expect(ttft.x.scale == .linear)
        #expect(ttft.x.domain == 9...31)
    }

    @Test func overlaysOneSeriesPerRunInItsColour() throws {
        let runs = ReportRun.labelled([Self.run(id: "aaaaaa", ttfts: [10]), Self.run(id: "bbbbbb", ttfts: [20, 40])])
        let ttft = try #require(CaseCharts(ReportCase.grouped(runs)[0]).distributionCharts.first)
        #expect(ttft.series.map(\.name) == ["aaaaaa", "bbbbbb"])
        #expect(ttft.series.map(\.colorIndex) == [0, 1])
        #expect(ttft.series[1].points.map(\.x) == [20, 40])
    }

    @Test func histogramsOfLengthsCountEveryRequestOnce() throws {
        let runs = ReportRun.labelled([Self.run(id: "abc123", ttfts: [1, 2, 3, 4])])
        let charts = CaseCharts(ReportCase.grouped(runs)[0]).lengthCharts
        #expect(charts.map(\.id) == ["c1-prompt-lengths", "c1-output-lengths"])
        let outputs = try #require(charts.last)
        #expect(
            outputs.series.map(\.name) == [
                "asked (output_tokens)", "server (usage.completion_tokens)", "client (token events counted)",
            ]
        )
        for series in outputs.series {
            #expect(series.points.reduce(0) { $0 + $1.y } == 4)
            #expect(series.points.allSatisfy { $0.xEnd != nil && $0.xEnd! > $0.x })
        }
        // Three series share the one-token bin of 4 tokens, side by side.
        let third: Double = 1.0 / 3
        let starts: [Double] = [4, 4 + third, 4 + 2 * third]
        #expect(outputs.series.map { $0.points[0].x } == starts)
    }

    @Test func zoomsLinearAxesToTheValuesAndLeavesWideOnesToTheLogarithmicScale() {
        #expect(ChartAxis.fitted(label: "x", values: [800, 810]).domain == 799.5...810.5)
        #expect(ChartAxis.fitted(label: "x", values: [128, 129], padding: 1).domain == 127...130)
        #expect(ChartAxis.fitted(label: "x", values: [5, 5]).domain == 4.5...5.5)
        let wide = ChartAxis.fitted(label: "x", values: [0.5, 40, 900])
        #expect(wide.scale == .automatic && wide.domain == nil)
    }
}
