import Foundation
import LLMBenchSimulator
import NIOHTTP1
import Testing

@testable import LLMBench

/// The server's `/metrics` read during a run over real sockets: the simulator is the LLM server,
/// a loopback page with a counter is the metrics URL.
struct ServerMetricsRunTests {
    /// A run of `configure`'s config against a simulator with `options`, its server metrics read
    /// from `metrics`; the report, the events, and the lines of the metrics and requests files.
    static func run(
        metrics: ScriptedServer,
        options: SimulatorOptions = deterministicSimulator,
        intervalMilliseconds: Int = 0,
        timeoutMilliseconds: Int = 5000,
        _ configure: (inout BenchmarkConfig) -> Void = { _ in }
    ) async throws -> (BenchmarkReport, EventRecorder, [[String: Any]], [[String: Any]], [String: Any]) {
        let run = try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: options) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 2, concurrency: 3)
                config.serverMetrics = ServerMetricsSettings(
                    source: .urls([ServerAddress(parsing: metrics.url("/metrics"))!]),
                    intervalMilliseconds: intervalMilliseconds,
                    timeoutMilliseconds: timeoutMilliseconds
                )
                configure(&config)
                let events = EventRecorder()
                let report = try await BenchmarkRunner(config: config).run(observer: events.observe)
                let scrapes = try report.files.serverMetrics.map { try lines(ofFile: $0) } ?? []
                let summary = try String(contentsOfFile: report.files.summary, encoding: .utf8)
                return (report, events, scrapes, try lines(ofFile: report.files.requests), summary)
            }
        }
        let summary = try JSONSerialization.jsonObject(with: Data(run.4.utf8)) as? [String: Any]
        return (run.0, run.1, try jsonObjects(run.2), try jsonObjects(run.3), try #require(summary))
    }

    /// The metrics file's lines of case `index`.
    static func caseLines(_ index: Int, in scrapes: [[String: Any]]) -> [[String: Any]] {
        scrapes.filter { $0["case"] as? Int == index }
    }

    @Test func everyCaseIsReadAtItsStartAndEndAroundItsRequests() async throws {
        try await withMetricsPageServer { metrics in
            let (report, events, scrapes, requests, summary) = try await Self.run(metrics: metrics)
            #expect(events.warningsBesideTimingOnes.isEmpty)
            let path = try #require(report.files.serverMetrics)
            #expect(path.hasSuffix("_server_metrics.jsonl"))
            #expect(
                path.dropLast("_server_metrics.jsonl".count) == report.files.requests.dropLast("_requests.jsonl".count)
            )
            #expect(scrapes.allSatisfy { $0["name"] as? String == "test_scrapes_total" })
            #expect(scrapes.allSatisfy { $0["labels"] as? [String: String] == ["path": "/metrics"] })
            #expect(scrapes.allSatisfy { ($0["time"] as? String)?.hasSuffix("Z") == true && $0["source"] as? Int == 0 })
            let clocks = scrapes.compactMap { $0["clock_ns"] as? Int }
            let values = scrapes.compactMap { $0["value"] as? Int }
            #expect(clocks.count == scrapes.count && clocks == clocks.sorted())
            #expect(values.count == scrapes.count && values == values.sorted() && Set(values).count == values.count)
            for index in 0..<2 {
                let lines = Self.caseLines(index, in: scrapes)
                #expect(lines.map { $0["moment"] as? String } == ["start", "end"], "case \(index + 1)")
                let records = requests.filter { $0["case"] as? Int == index }
                let sends = records.compactMap { $0["send_clock_ns"] as? Int }
                let ends = records.compactMap { record -> Int? in
                    guard let send = record["send_clock_ns"] as? Int, let sent = record["send_offset_ms"] as? Double,
                        let ended = record["end_offset_ms"] as? Double
                    else { return nil }
                    return send + Int(((ended - sent) * 1e6).rounded(.down))
                }
                let start = try #require(lines.first?["clock_ns"] as? Int)
                let end = try #require(lines.last?["clock_ns"] as? Int)
                #expect(start <= (sends.min() ?? 0))
                #expect(end >= (ends.max() ?? Int.max))
            }
            let rounds = Set(scrapes.compactMap { $0["round"] as? Int })
            #expect(rounds == [0, 1, 2, 3])
            #expect(metrics.metricsRequests == 1 + rounds.count, "the preflight read, then one read per round")
            #expect((summary["files"] as? [String: Any])?["server_metrics"] as? String == path)
            let listed = try #require(summary["server_metrics"] as? [String: Any])
            #expect(listed["urls"] as? [String] == [metrics.url("/metrics")])
            #expect(listed["interval_ms"] as? Int == 0)
        }
    }

    /// A case that lasts 1.2 s is read every 50 ms while it runs (a whole suite running beside it
    /// can hold a round back for hundreds of milliseconds).
    @Test func intervalRoundsAreReadWhileACaseRunsAndStopWithIt() async throws {
        try await withMetricsPageServer { metrics in
            let slow = SimulatorOptions(
                latency: .deterministic(timeToFirstTokenMilliseconds: 1200, interTokenMilliseconds: 1)
            )
            let (report, _, scrapes, _, _) = try await Self.run(
                metrics: metrics,
                options: slow,
                intervalMilliseconds: 50
            ) {
                $0.cases = [BenchmarkCase(inputTokens: 8, outputTokens: 2)]
                $0.runs = 1
            }
            let moments = scrapes.compactMap { $0["moment"] as? String }
            #expect(moments.first == "start" && moments.last == "end")
            #expect(moments.dropFirst().dropLast().allSatisfy { $0 == "interval" })
            #expect(moments.count >= 3, "at least one interval round in 1.2 s")
            #expect(
                (1 + moments.count...2 + moments.count).contains(metrics.metricsRequests),
                "the preflight and the rounds written, and at most the one interval round the case's end cut short"
            )
            #expect(report.files.serverMetrics != nil)
        }
    }

    /// What a run against a server without a metrics page left.
    struct PagelessRun {
        var serverMetricsFile: String?
        var fileNames: [String]
        var warnings: [BenchmarkWarning]
        var columns: String
        var summaryNamesServerMetrics: Bool
        var saysOff: Bool
    }

    static func runWithoutMetricsPage(_ settings: ServerMetricsSettings) async throws -> PagelessRun {
        try await withTemporaryDirectory { directory in
            try await ForeignServer.with(.init()) { server in
                var config = ControlPlaneTests.config(foreign: server, directory: directory)
                config.serverMetrics = settings
                let events = EventRecorder()
                let report = try await BenchmarkRunner(config: config).run(observer: events.observe)
                let stem = (report.files.requests as NSString).lastPathComponent.dropLast("requests.jsonl".count)
                let names = try FileManager.default.contentsOfDirectory(atPath: directory)
                    .filter { $0.hasPrefix(stem) }.map { String($0.dropFirst(stem.count)) }
                return PagelessRun(
                    serverMetricsFile: report.files.serverMetrics,
                    fileNames: names.sorted(),
                    warnings: events.warningsBesideTimingOnes,
                    columns: try lines(ofFile: report.files.results)[0],
                    summaryNamesServerMetrics: try Self.summaryNamesServerMetrics(report.files.summary),
                    saysOff: events.events.contains { if case .serverMetricsOff = $0 { true } else { false } }
                )
            }
        }
    }

    /// Whether the summary at `path` lists a server metrics file or URLs.
    static func summaryNamesServerMetrics(_ path: String) throws -> Bool {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let files = try #require(summary["files"] as? [String: Any])
        return summary["server_metrics"] != nil || files["server_metrics"] != nil
    }

    @Test func anAutomaticChoiceWithoutAMetricsPageChangesNothing() async throws {
        let automatic = try await Self.runWithoutMetricsPage(ServerMetricsSettings())
        let off = try await Self.runWithoutMetricsPage(ServerMetricsSettings(source: .off))
        #expect(automatic.serverMetricsFile == nil && off.serverMetricsFile == nil)
        #expect(automatic.warnings == off.warnings)
        #expect(!automatic.summaryNamesServerMetrics && !off.summaryNamesServerMetrics)
        #expect(automatic.fileNames == off.fileNames && !automatic.fileNames.contains("server_metrics.jsonl"))
        #expect(automatic.columns == off.columns)
        #expect(automatic.saysOff && !off.saysOff, "the automatic choice says it is off, as an event")
    }

    @Test func anExplicitURLThatFailsIsWarnedAboutAndTheRunSucceeds() async throws {
        try await withMetricsPageServer(answer: { _ in [.answer("503 Service Unavailable", body: "down")] }) {
            metrics in
            let (report, events, scrapes, _, _) = try await Self.run(metrics: metrics)
            #expect(report.failedRequests == 0 && report.cases.count == 2)
            #expect(report.files.serverMetrics == nil && scrapes.isEmpty)
            #expect(
                events.warnings.contains(
                    .serverMetricsUnavailable(url: metrics.url("/metrics"), reason: "it answered HTTP 503 (down)")
                )
            )
            #expect(metrics.metricsRequests == 1, "a URL dropped at the preflight is not read again")
        }
    }

    @Test func aPageThatTurnsToGarbageIsWarnedAboutOncePerCaseNamingTheLine() async throws {
        let page: @Sendable (Int) -> [ScriptStep] = { count in
            let body = count == 1 ? "up 1\n" : "up 1\nthis is { not prometheus\n"
            return [.answer("200 OK", body: body)]
        }
        try await withMetricsPageServer(answer: page) { metrics in
            let (report, events, scrapes, _, _) = try await Self.run(metrics: metrics)
            #expect(report.failedRequests == 0)
            let failures = events.warnings.compactMap { warning -> (Int, String)? in
                guard case .serverMetricsScrapeFailed(_, let caseIndex, let reason) = warning else { return nil }
                return (caseIndex, reason)
            }
            #expect(failures.map(\.0) == [0, 1], "one warning per case, though start and end both failed")
            #expect(failures.allSatisfy { $0.1.hasPrefix("line 2 of the metrics is not Prometheus text") })
            #expect(scrapes.isEmpty)
            #expect(report.files.serverMetrics != nil, "the file exists: the URL answered at the preflight")
        }
    }

    /// The preflight's read is answered; no later one is. The limit is generous, so a loaded machine
    /// still answers the preflight in time.
    @Test func aPageThatStopsAnsweringTimesOutAndTheRunFinishes() async throws {
        let page: @Sendable (Int) -> [ScriptStep] = { count in count == 1 ? [.answer("200 OK", body: "up 1\n")] : [] }
        try await withMetricsPageServer(answer: page) { metrics in
            let (report, events, _, _, _) = try await Self.run(metrics: metrics, timeoutMilliseconds: 1500) {
                $0.cases = [BenchmarkCase(inputTokens: 8, outputTokens: 2)]
            }
            #expect(report.cases.first?.successfulRequests == 6)
            #expect(
                events.warnings.contains(
                    .serverMetricsScrapeFailed(
                        url: metrics.url("/metrics"),
                        caseIndex: 0,
                        reason: "no answer within 1500 ms (server_metrics.timeout_ms)"
                    )
                )
            )
        }
    }

    @Test func credentialsGoOnlyToTheBenchmarkedServersHostAndPort() {
        let server = ServerAddress(parsing: "http://10.0.0.5:8000/v1")!
        let same = ScrapeTarget(ServerAddress(parsing: "http://10.0.0.5:8000/metrics")!, server: server)
        let other = ScrapeTarget(ServerAddress(parsing: "http://10.0.0.5:9100/metrics")!, server: server)
        let key = APIKey("sk-secret")
        #expect(same.head(apiKey: key, headers: ["X-Team": "t-value"]).headers["Authorization"] == ["Bearer sk-secret"])
        #expect(same.head(apiKey: key, headers: ["X-Team": "t-value"]).headers["X-Team"] == ["t-value"])
        #expect(other.head(apiKey: key, headers: ["X-Team": "t-value"]).headers["Authorization"].isEmpty)
        #expect(other.head(apiKey: key, headers: ["X-Team": "t-value"]).headers["X-Team"].isEmpty)
        #expect(ScrapeTarget.automatic(for: server).url == "http://10.0.0.5:8000/metrics")
        #expect(ScrapeTarget.automatic(for: server).sendsCredentials)
    }
}
