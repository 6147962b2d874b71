import Foundation
import LLMBenchSimulator
import Prometheus
import Testing

@testable import LLMBench

/// The live metrics after a run against the simulator say what the run's records say.
struct LiveMetricsObserverTests {
    /// The page of `registry`, read by the project's own parser.
    static func page(_ registry: PrometheusCollectorRegistry) throws -> MetricExposition {
        try MetricExposition(parsing: registry.emitToString())
    }

    /// The value of the one sample named `name` whose labels include `labels`.
    static func value(_ name: String, _ labels: [String: String] = [:], in page: MetricExposition) -> Double? {
        page.samples.first { sample in
            sample.name == name && labels.allSatisfy { sample.label($0.key) == $0.value }
        }?.value
    }

    /// Runs two cases (one fault of each class given) with `metrics` observing, warm-up included.
    static func run(
        observedBy metrics: LiveMetrics,
        faults: FaultInjection,
        configure: (inout BenchmarkConfig) -> Void = { _ in }
    ) async throws -> (BenchmarkReport, [[String: Any]]) {
        var options = SimulatorOptions(
            latency: .deterministic(timeToFirstTokenMilliseconds: 2, interTokenMilliseconds: 1)
        )
        options.faults = faults
        let (report, requestLines) = try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: options) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 2, concurrency: 3)
                config.retry = RetryPolicy(maxRetries: 0, backoffMilliseconds: [1])
                config.load.warmup = 2
                // Requests tell of their starts only to a run that serves live metrics.
                config.liveMetrics = LiveMetricsAddress(port: 0)
                configure(&config)
                let report = try await BenchmarkRunner(config: config).run(observer: metrics.observe)
                return (report, try lines(ofFile: report.files.requests))
            }
        }
        return (report, try jsonObjects(requestLines))
    }

    @Test func countersMatchTheRecordsOfTheRunAndLeaveTheWarmupOut() async throws {
        let metrics = LiveMetrics(runID: "r1", registry: PrometheusCollectorRegistry())
        let (report, records) = try await Self.run(observedBy: metrics, faults: .only(.http500, probability: 0.3))
        let counted = records.filter { $0["warmup"] as? Bool != true }
        #expect(counted.count < records.count, "the run had warm-up requests")
        let failedRecords = counted.filter { $0["status"] as? String == "failed" }
        #expect(!failedRecords.isEmpty, "the simulator failed some requests")
        let page = try Self.page(metrics.registry)
        let finished = Double(report.cases.reduce(0) { $0 + $1.successfulRequests + $1.failedRequests })
        #expect(Self.value("llm_bench_requests_started_total", in: page) == finished)
        #expect(
            Self.value("llm_bench_requests_finished_total", ["status": "ok"], in: page)
                == Double(counted.count - failedRecords.count)
        )
        #expect(
            Self.value("llm_bench_requests_finished_total", ["status": "failed"], in: page)
                == Double(failedRecords.count)
        )
        #expect(
            Self.value("llm_bench_request_failures_total", ["kind": "http_5xx"], in: page)
                == Double(failedRecords.count)
        )
        #expect(Self.value("llm_bench_request_failures_total", ["kind": "timeout_idle"], in: page) == 0)
        #expect(Self.value("llm_bench_requests_in_flight", in: page) == 0)
        let tokens = report.cases.reduce(0) { $0 + $1.totalOutputTokens }
        #expect(Self.value("llm_bench_output_tokens_total", in: page) == Double(tokens))
        #expect(
            Self.value("llm_bench_time_to_first_token_seconds_count", in: page)
                == Double(counted.count - failedRecords.count)
        )
        #expect(
            Self.value("llm_bench_end_to_end_latency_seconds_count", in: page)
                == Double(counted.count - failedRecords.count)
        )
        #expect(Self.value("llm_bench_case_index", in: page) == 1)
        #expect(Self.value("llm_bench_schedule_lag_seconds_count", in: page) == 0, "waves have no schedule")
        #expect(page.samples.allSatisfy { $0.label("run_id") == "r1" })
    }

    @Test func theTimeToFirstTokenSumIsThatOfTheRecords() async throws {
        let metrics = LiveMetrics(runID: "r2", registry: PrometheusCollectorRegistry())
        let (_, records) = try await Self.run(observedBy: metrics, faults: FaultInjection())
        let counted = records.filter { $0["warmup"] as? Bool != true }
        let ttftMilliseconds = counted.compactMap { $0["ttft_ms"] as? Double }.reduce(0, +)
        let page = try Self.page(metrics.registry)
        let sum = try #require(Self.value("llm_bench_time_to_first_token_seconds_sum", in: page))
        #expect(
            abs(sum * 1000 - ttftMilliseconds) < 0.001 * Double(counted.count),
            "sum \(sum) s against \(ttftMilliseconds) ms"
        )
    }

    @Test func rateModeRecordsEachRequestsScheduleLagAndTheSweepStep() async throws {
        let metrics = LiveMetrics(runID: "r3", registry: PrometheusCollectorRegistry())
        let (report, _) = try await Self.run(observedBy: metrics, faults: FaultInjection()) { config in
            config.cases = [BenchmarkCase(inputTokens: 8, outputTokens: 4)]
            config.load.warmup = 0
            config.load.mode = .rate
            config.load.rate = 200
            config.load.requests = 6
        }
        let page = try Self.page(metrics.registry)
        #expect(Self.value("llm_bench_schedule_lag_seconds_count", in: page) == 6)
        #expect(
            Self.value("llm_bench_requests_finished_total", ["status": "ok"], in: page)
                == Double(report.cases[0].successfulRequests)
        )
        #expect(Self.value("llm_bench_case_step", in: page) == 0)
    }
}
