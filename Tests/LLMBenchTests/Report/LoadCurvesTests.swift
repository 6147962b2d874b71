import Testing

@testable import LLMBench

struct LoadCurvesTests {
    /// A concurrency sweep of one case: steps at 16, 1 and 4, the SLO met up to 4.
    static func sweepRun(id: String = "abc123", sweeps: [SweepResults] = []) -> RunResults {
        let steps: [(Int, Double, Bool)] = [(16, 240, false), (1, 40, true), (4, 60, true)]
        let cases = steps.enumerated().map { step, entry in
            let (concurrency, ttft, met) = entry
            return ReportFixtures.results(
                step: step,
                [
                    "load_mode": .string("concurrency"), "load_concurrency": .integer(concurrency),
                    "num_concurrent_requests": .integer(concurrency),
                    "ttft_p50_ms": .number(ttft / 2), "ttft_p99_ms": .number(ttft),
                    "tpot_p50_ms": .number(10 + Double(concurrency)), "tpot_p99_ms": .number(12 + Double(concurrency)),
                    "tpot_mean_ms": .number(11 + Double(concurrency)), "e2e_p99_ms": .number(ttft * 10),
                    "output_throughput_tps": .number(72 * Double(concurrency)), "slo_met": .bool(met),
                ]
            )
        }
        return ReportFixtures.run(
            id: id,
            config: ["slo": .object(["ttft_ms": .integer(100), "percentile": .integer(99)])],
            cases: cases,
            sweeps: sweeps
        )
    }

    @Test func plotsEachStepsColumnsByRisingConcurrency() throws {
        let run = Self.sweepRun()
        let curves = LoadCurves(runs: ReportRun.labelled([run]))
        #expect(curves.axis == .concurrency)
        #expect(curves.isShown)
        let ttft = try #require(curves.latencyCharts.first { $0.id == "load-ttft" })
        #expect(ttft.series.map(\.name) == ["case 1 · p50", "case 1 · p99"])
        #expect(ttft.series[1].points.map(\.x) == [1, 4, 16])
        let byConcurrency = Dictionary(uniqueKeysWithValues: run.cases.map { ($0.number("load_concurrency")!, $0) })
        for point in ttft.series[1].points {
            #expect(point.y == byConcurrency[point.x]?.number("ttft_p99_ms"))
        }
        let throughput = try #require(curves.throughputChart)
        #expect(throughput.series[0].points.map(\.y) == [72, 288, 1152])
    }

    @Test func drawsTheSLOAndMarksTheHighestLoadThatMetIt() throws {
        let curves = LoadCurves(runs: ReportRun.labelled([Self.sweepRun()]))
        let charts = curves.throughputLatencyCharts
        #expect(charts.map(\.id) == ["throughput-ttft"])
        let chart = try #require(charts.first)
        #expect(chart.referenceLines.map(\.value) == [100])
        #expect(chart.series[0].points.map(\.y) == [40, 60, 240])
        #expect(chart.series[0].points.map(\.isHighlighted) == [false, true, false])
    }

    @Test func prefersTheSweepsBestConcurrency() throws {
        let run = Self.sweepRun(sweeps: [
            SweepResults(caseIndex: 0, steps: [16, 1, 4], isSaturated: true, bestConcurrency: 1)
        ])
        let chart = try #require(LoadCurves(runs: ReportRun.labelled([run])).throughputLatencyCharts.first)
        #expect(chart.series[0].points.map(\.isHighlighted) == [true, false, false])
    }

    @Test func plotsTTFTAndE2EP99WithoutSLOs() {
        var run = Self.sweepRun()
        run.config = .object([:])
        #expect(
            LoadCurves(runs: ReportRun.labelled([run])).throughputLatencyCharts.map(\.id) == [
                "throughput-ttft", "throughput-e2e",
            ]
        )
    }

    @Test func paretoPlotsPerUserRateAgainstTotalThroughput() throws {
        let run = Self.sweepRun()
        let chart = try #require(LoadCurves(runs: ReportRun.labelled([run])).paretoChart)
        let points = chart.series[0].points
        #expect(points.map(\.x) == [72, 288, 1152])
        let perUser: [Double] = [1000.0 / 12, 1000.0 / 15, 1000.0 / 27]
        #expect(points.map(\.y) == perUser)
        #expect(chart.note?.contains("1000 / tpot_mean_ms") == true)
    }

    @Test func usesTheTargetRateInRateMode() {
        let cases = [5.0, 20].enumerated().map { step, rate in
            ReportFixtures.results(
                step: step,
                ["load_mode": .string("rate"), "target_rate_rps": .number(rate), "ttft_p99_ms": .number(rate * 2)]
            )
        }
        let curves = LoadCurves(runs: ReportRun.labelled([ReportFixtures.run(cases: cases)]))
        #expect(curves.axis == .rate)
        #expect(curves.latencyCharts.first?.series[1].points.map(\.x) == [5, 20])
    }

    @Test func showsOneCurvePerRunWhenComparingRunsOfOneStep() {
        let first = ReportFixtures.run(id: "aaaaaa", cases: [ReportFixtures.results(["load_concurrency": .integer(8)])])
        let second = ReportFixtures.run(
            id: "bbbbbb",
            cases: [ReportFixtures.results(["load_concurrency": .integer(8)])]
        )
        let curves = LoadCurves(runs: ReportRun.labelled([first, second]))
        #expect(curves.isShown)
        #expect(curves.curves.map(\.name) == ["aaaaaa · case 1", "bbbbbb · case 1"])
        #expect(!LoadCurves(runs: ReportRun.labelled([first])).isShown)
    }
}
