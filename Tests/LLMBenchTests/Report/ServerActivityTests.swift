import Foundation
import Testing

@testable import LLMBench

/// The server's series over time as the report draws them, from a run's `_server_metrics.jsonl`.
struct ServerActivityTests {
    /// A vLLM sample of round `round` from `source`, `seconds` after the fixture records' clock origin.
    static func sample(
        _ name: String,
        _ value: Double,
        round: Int,
        source: Int = 0,
        seconds: Double,
        labels: [String: String] = ["model_name": "m"]
    ) -> ServerSeriesSample {
        ServerSeriesSample(
            clockNanoseconds: Int64(((1000 + seconds) * 1e9).rounded()),
            source: source,
            round: round,
            caseIndex: 0,
            step: 0,
            moment: "interval",
            name: name,
            labels: labels,
            value: value
        )
    }

    static func run(series: [ServerSeriesSample]) -> ReportRun {
        var results = ReportFixtures.run(records: [ReportFixtures.record(index: 0, sendSeconds: 0, total: 4000)])
        results.serverSeries = series
        return ReportRun.labelled([results])[0]
    }

    @Test func sumsRunningAndWaitingOverTheURLsAndAveragesTheKVCacheUse() throws {
        let series = [
            Self.sample("vllm:num_requests_running", 3, round: 1, source: 0, seconds: 1),
            Self.sample("vllm:num_requests_running", 2, round: 1, source: 1, seconds: 1.25),
            Self.sample("vllm:num_requests_waiting", 4, round: 1, seconds: 1),
            Self.sample("vllm:kv_cache_usage_perc", 0.2, round: 1, source: 0, seconds: 1),
            Self.sample("vllm:kv_cache_usage_perc", 0.6, round: 1, source: 1, seconds: 1.25),
            Self.sample("vllm:generation_tokens_total", 100, round: 1, seconds: 1),
            Self.sample("vllm:generation_tokens_total", 300, round: 2, seconds: 3),
            Self.sample("vllm:generation_tokens_total", 50, round: 3, seconds: 4),
        ]
        let activity = try #require(ServerActivity(run: Self.run(series: series)))
        #expect(activity.engine == .vllm)
        #expect(
            activity.requestsRunning == [ServerActivity.Point(seconds: 1.25, value: 5)],
            "at the round's last answer"
        )
        #expect(activity.requestsWaiting.map(\.value) == [4])
        #expect(activity.kvCacheUsage.map(\.value) == [0.4])
        #expect(
            activity.generationTokensPerSecond == [ServerActivity.Point(seconds: 3, value: 200 / 1.75)],
            "200 tokens from round 1's last answer (1.25 s) to round 2's (3 s); the counter's fall (a restart) gives no point"
        )
    }

    @Test func anEngineLLMBenchDoesNotKnowIsNotDrawn() {
        let series = [Self.sample("http_requests_in_flight", 3, round: 1, seconds: 1)]
        #expect(ServerActivity(run: Self.run(series: series)) == nil)
        #expect(ActivityCharts(runs: [Self.run(series: series)]).kvCacheChart == nil)
    }

    @Test func theServersSeriesJoinTheClientsChartsOnTheirTimeAxis() throws {
        let series = [
            Self.sample("vllm:num_requests_running", 1, round: 1, seconds: 0.5),
            Self.sample("vllm:num_requests_running", 2, round: 2, seconds: 1.5),
            Self.sample("vllm:kv_cache_usage_perc", 0.25, round: 1, seconds: 0.5),
            Self.sample("vllm:generation_tokens_total", 0, round: 1, seconds: 0.5),
            Self.sample("vllm:generation_tokens_total", 30, round: 2, seconds: 1.5),
        ]
        let charts = ActivityCharts(runs: [Self.run(series: series)])
        let inFlight = charts.inFlightChart.series.map(\.name)
        #expect(inFlight.contains("server running"))
        let running = try #require(charts.inFlightChart.series.first { $0.name == "server running" })
        #expect(running.points.map(\.x) == [0.5, 1.5] && running.points.map(\.y) == [1, 2])
        let tokens = try #require(charts.tokensChart.series.first { $0.name == "server generated tokens/s" })
        #expect(tokens.points.map(\.y) == [30])
        let kvCache = try #require(charts.kvCacheChart)
        #expect(kvCache.series.first?.points.map(\.y) == [0.25])
        #expect(charts.inFlightChart.note?.contains("Server series") == true)
    }

    @Test func theFileIsReadBackWithItsNonFiniteValuesAndOnlyTheNamesAsked() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/x_server_metrics.jsonl"
            let lines = [
                #"{"clock_ns":5,"time":"t","source":0,"round":1,"case":0,"step":0,"moment":"start","name":"vllm:num_requests_running","labels":{"engine":"0","model_name":"m"},"value":3}"#,
                #"{"clock_ns":6,"source":1,"round":1,"case":0,"step":0,"moment":"start","name":"vllm:kv_cache_usage_perc","labels":{},"value":"NaN","extra":[1,{"a":2}]}"#,
                #"{"clock_ns":7,"source":0,"round":2,"case":1,"step":2,"moment":"end","name":"vllm:cache_config_info","labels":{},"value":"+Inf"}"#,
                #"{"clock_ns":8,"source":0,"round":3,"case":1,"step":2,"moment":"end","name":"vllm:num_req"#,
            ]
            try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
            let kept = try ServerSeriesFile.read(path, keeping: ServerVocabulary.isChartedOverTime)
            #expect(kept.count == 2, "the cut-off last line is skipped, the uncharted name left out")
            #expect(kept[0].labels == ["engine": "0", "model_name": "m"] && kept[0].value == 3 && kept[0].source == 0)
            #expect(kept[1].value.isNaN && kept[1].source == 1)
            let all = try ServerSeriesFile.read(path) { _ in true }
            #expect(all.last?.value == .infinity && all.last?.caseIndex == 1 && all.last?.step == 2)

            try ([lines[0], "{\"clock_ns\":1,\"value\":\"many\"}", lines[1]].joined(separator: "\n") + "\n")
                .write(toFile: path, atomically: true, encoding: .utf8)
            #expect {
                try ServerSeriesFile.read(path) { _ in true }
            } throws: { error in
                guard case .corruptServerMetrics(_, let line, let reason) = error as? ResultsReadError else {
                    return false
                }
                return line == 2 && reason.contains("many")
            }
        }
    }
}
