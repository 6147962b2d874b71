import Foundation
import LLMBenchSimulator
import LLMBenchSupport
import NIOCore
import NIOHTTP1
import Synchronization
import Testing

@testable import LLMBench

/// The live metrics endpoint over real sockets on 127.0.0.1: its page, its errors, its lifetime.
struct LiveMetricsEndpointTests {
    /// Runs `body` with an endpoint on a free port, stopped at the end however `body` ends.
    static func withEndpoint<T>(_ body: (LiveMetricsEndpoint) async throws -> T) async throws -> T {
        let endpoint = try await LiveMetricsEndpoint.start(at: LiveMetricsAddress(port: 0))
        let result = await Result { () async throws in try await body(endpoint) }
        await endpoint.stop()
        return try result.get()
    }

    @Test func thePageIsPrometheusTextWithEveryFamilyUnderItsTypeAndTheRunID() async throws {
        try await Self.withEndpoint { endpoint in
            #expect(endpoint.address.port > 0)
            let observe = endpoint.observer { _ in }
            observe(.requestStarted(caseIndex: 0, step: 0, isWarmup: false))
            endpoint.begin(runID: "run-7")
            observe(.requestStarted(caseIndex: 0, step: 0, isWarmup: false))
            observe(.requestFinished(timedRecord(ttft: 50, gaps: [10, 20])))
            let reply = try await fetch(port: endpoint.address.port).get()
            #expect(reply.status == 200)
            #expect(reply.contentType == LiveMetricsHTTPHandler.contentType)
            let page = try MetricExposition(parsing: reply.body)
            for family in LiveMetricFamily.allCases {
                #expect(page.types[family.name] == family.kind.rawValue, "\(family.name)")
            }
            let names = Set(page.samples.map(\.name))
            let expected = LiveMetricFamily.allCases.flatMap { family in
                family.kind == .histogram ? ["_bucket", "_sum", "_count"].map { family.name + $0 } : [family.name]
            }
            #expect(names == Set(expected))
            #expect(page.samples.allSatisfy { $0.label("run_id") == "run-7" })
            let ttft = page.samples.first { $0.name == "llm_bench_time_to_first_token_seconds_sum" }
            #expect(ttft?.value == 0.05)
            let started = page.samples.first { $0.name == "llm_bench_requests_started_total" }
            #expect(started?.value == 1, "the start before begin(runID:) is not counted")
            let gap = page.samples.first { $0.name == "llm_bench_inter_token_latency_seconds_sum" }
            #expect(gap?.value == 0.015, "one observation: the mean gap")
        }
    }

    @Test func otherPathsAndMethodsAreRefusedWithTheirStatus() async throws {
        try await Self.withEndpoint { endpoint in
            let missing = try await fetch(port: endpoint.address.port, path: "/").get()
            #expect(missing.status == 404)
            #expect(missing.body.contains("/metrics"))
            let posted = try await fetch(port: endpoint.address.port, method: .POST).get()
            #expect(posted.status == 405)
            let withQuery = try await fetch(port: endpoint.address.port, path: "/metrics?x=1").get()
            #expect(withQuery.status == 200)
        }
    }

    @Test func aPortInUseIsAClearErrorNamingTheAddress() async throws {
        try await Self.withEndpoint { endpoint in
            let taken = LiveMetricsAddress(port: endpoint.address.port)
            let error = await #expect(throws: LiveMetricsError.self) {
                _ = try await LiveMetricsEndpoint.start(at: taken)
            }
            let message = error?.description ?? ""
            #expect(message.contains("127.0.0.1:\(taken.port)"), "\(message)")
            #expect(message.contains("in use"), "\(message)")
            #expect(message.contains("--metrics-port"), "\(message)")
        }
    }

    @Test func aRunServesItsMetricsWhileItRunsAndStopsWhenItEnds() async throws {
        let pages = Mutex<[HTTPReply]>([])
        let recorder = EventRecorder()
        let report = try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: instantSimulator) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 2)
                config.liveMetrics = LiveMetricsAddress(port: 0)
                let port = Mutex(0)
                return try await BenchmarkRunner(config: config).run { event in
                    recorder.observe(event)
                    switch event {
                    case .liveMetricsStarted(let address):
                        port.withLock { $0 = address.port }
                    case .caseFinished:
                        // The observer cannot await; the endpoint answers from its own thread.
                        if let reply = try? fetch(port: port.withLock { $0 }).wait() {
                            pages.withLock { $0.append(reply) }
                        }
                    default:
                        break
                    }
                }
            }
        }
        let started = recorder.events.compactMap { if case .liveMetricsStarted(let a) = $0 { a } else { nil } }
        let address = try #require(started.first)
        #expect(started.count == 1 && address.host == "127.0.0.1" && address.port > 0)
        let served = pages.withLock { $0 }
        #expect(served.count == report.cases.count)
        let last = try MetricExposition(parsing: try #require(served.last).body)
        let finished = last.samples.first {
            $0.name == "llm_bench_requests_finished_total" && $0.label("status") == "ok"
        }
        #expect(finished?.value == Double(report.cases.reduce(0) { $0 + $1.successfulRequests }))
        #expect(finished?.label("run_id") == report.files.runID)
        await #expect(throws: (any Error).self, "the endpoint is closed once the run ended") {
            _ = try await fetch(port: address.port).get()
        }
    }

    @Test func aBusyMetricsPortStopsTheRunBeforeAnythingIsMeasured() async throws {
        try await Self.withEndpoint { endpoint in
            try await withTemporaryDirectory { directory in
                try await withSimulatedServer(options: instantSimulator) { server in
                    var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 1)
                    config.liveMetrics = LiveMetricsAddress(port: endpoint.address.port)
                    let error = await #expect(throws: BenchmarkError.self) {
                        _ = try await BenchmarkRunner(config: config).run()
                    }
                    #expect(error.map(BenchmarkExitStatus.init) == .couldNotRun)
                    #expect(server.stats().requestsReceived == 0)
                    let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter {
                        $0.hasPrefix("e2e")
                    }
                    #expect(files.isEmpty, "\(files)")
                }
            }
        }
    }
}
