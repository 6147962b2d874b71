import Testing

@testable import LLMBench

struct ActivityChartsTests {
    @Test func drawsTokensAndInFlightPerRunAndFailuresByClass() throws {
        let records = [
            ReportFixtures.record(index: 0, sendSeconds: 0, total: 3000, itl: [1000, 1000]),
            ReportFixtures.record(index: 1, sendSeconds: 100, total: 200, isSuccess: false, errorKind: "timeout"),
            ReportFixtures.record(index: 2, sendSeconds: 299, total: 1000, itl: [10]),
        ]
        let runs = ReportRun.labelled([ReportFixtures.run(records: records)])
        let charts = ActivityCharts(runs: runs)
        #expect(charts.buckets.width == 1)
        let tokens = charts.tokensChart.series[0].points
        #expect(tokens.count == 300)
        #expect(tokens[0].x == 0.5)
        #expect(abs(tokens.reduce(0) { $0 + $1.y * charts.buckets.width } - 8) < 1e-9)
        #expect(charts.inFlightChart.series[0].points[0...3].map(\.y) == [1, 1, 1, 0])
        let failures = try #require(charts.failuresChart)
        #expect(failures.series.map(\.name) == ["timeout"])
        #expect(
            failures.series[0].points == [
                ChartPoint(x: 100, y: 1, xEnd: 101, label: failures.series[0].points[0].label)
            ]
        )
        #expect(charts.timelines.map(\.rows.count) == [3])
    }

    @Test func namesTheBucketWidthInMilliseconds() throws {
        let records = [
            ReportFixtures.record(index: 0, sendSeconds: 0, total: 300, itl: [100, 100]),
            ReportFixtures.record(index: 1, sendSeconds: 0.2, total: 300, isSuccess: false),
        ]
        let charts = ActivityCharts(runs: ReportRun.labelled([ReportFixtures.run(records: records)]))
        #expect(charts.buckets.width == 0.002)
        #expect(charts.tokensChart.note?.contains("In buckets of 2 ms, each value") == true)
        #expect(try #require(charts.failuresChart).note?.contains("(buckets of 2 ms)") == true)
    }

    @Test func leavesTheFailureChartOutWhenNothingFailed() {
        let runs = ReportRun.labelled([ReportFixtures.run(records: [ReportFixtures.record(index: 0, sendSeconds: 0)])])
        #expect(ActivityCharts(runs: runs).failuresChart == nil)
    }
}
