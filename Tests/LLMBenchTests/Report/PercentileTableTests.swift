import Testing

@testable import LLMBench

struct PercentileTableTests {
    @Test func showsEveryMetricWithValuesFromTheResultsColumns() {
        let results = ReportFixtures.results([
            "ttft_p50_ms": .number(41.5), "ttft_p90_ms": .number(43), "ttft_p95_ms": .number(44),
            "ttft_p99_ms": .number(45.25), "ttft_max_ms": .number(46), "ttft_mean_ms": .number(41.75),
            "itl_p50_ms": .integer(12), "itl_mean_ms": .null,
            "connect_p50_ms": .null, "connect_max_ms": .null,
            "schedule_lag_p99_ms": .number(0.5),
        ])
        let table = PercentileTable(results)
        #expect(table.rows.map(\.metric) == [.ttft, .itl, .scheduleLag])
        #expect(table.rows[0].values == [41.5, 43, 44, 45.25, 46, 41.75])
        #expect(table.rows[1].values == [12, nil, nil, nil, nil, nil])
        #expect(table.rows[2].values == [nil, nil, nil, 0.5, nil, nil])
    }

    @Test func aCaseSectionNamesItsClockAndShowsTheClientsLag() {
        let results = ReportFixtures.results([
            "model": .string("sim"), "timestamp_source": .string("kernel"), "ttft_p50_ms": .number(41.5),
            "client_lag_p50_ms": .number(0.02), "client_lag_p99_ms": .number(0.31), "client_lag_max_ms": .number(1.25),
        ])
        let table = PercentileTable(results)
        #expect(table.rows.map(\.metric) == [.ttft, .clientLag])
        #expect(table.rows[1].values == [0.02, nil, nil, 0.31, 1.25, nil])
        let html = HTMLReport(runs: [ReportFixtures.run(cases: [results])]).render()
        #expect(html.contains("timestamps kernel"))
        #expect(html.contains(">client lag<"))
    }

    @Test func readsFailureClassesFromTheFailuresColumn() {
        let classes = FailureClasses(ReportFixtures.results(["failures": .string("timeout=3;http_status=1")]))
        #expect(classes.entries == [.init(kind: "timeout", count: 3), .init(kind: "http_status", count: 1)])
        #expect(classes.total == 4)
        #expect(FailureClasses(ReportFixtures.results(["failures": .string("")])).entries.isEmpty)
    }

    @Test func labelsSeveralRunsByWhatDiffers() {
        let runs = ReportRun.labelled([
            ReportFixtures.run(id: "aaaaaa", config: ["base_url": .string("http://a:8000/v1")]),
            ReportFixtures.run(id: "bbbbbb", config: ["base_url": .string("http://b:8000/v1")]),
        ])
        #expect(runs.map(\.label) == ["aaaaaa · base_url=http://a:8000/v1", "bbbbbb · base_url=http://b:8000/v1"])
        #expect(ReportRun.labelled([ReportFixtures.run(id: "aaaaaa")]).map(\.label) == ["aaaaaa"])
    }
}
