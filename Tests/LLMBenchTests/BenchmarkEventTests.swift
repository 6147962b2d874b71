import Foundation
import LLMBenchSimulator
import Logging
import Synchronization
import Testing

@testable import LLMBench

/// The engine tells what it does as typed events, in order; the console and the log render them.
struct BenchmarkEventTests {
    @Test func aRunEmitsItsPhasesCasesAndRequestsInOrder() async throws {
        let recorder = EventRecorder()
        let report = try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: SimulatorOptions(latency: .instant)) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 2, concurrency: 2)
                config.cases = [BenchmarkCase(inputTokens: 8, outputTokens: 3)]
                return try await BenchmarkRunner(config: config).run(observer: recorder.observe)
            }
        }
        let metricsEvents = recorder.events.map(\.name).filter { $0.hasPrefix("server_metrics_") }
        #expect(metricsEvents.count == 1, "the preflight says whether the server's metrics are read")
        let events = recorder.events.filter {
            switch $0 {
            case .warning(.bufferedStreams), .warning(.eventsReadTogether), .warning(.clientLagged), .serverMetricsOn,
                .serverMetricsOff:
                false
            default: true
            }
        }
        let names = events.map(\.name)
        #expect(
            names == [
                "phase_started", "seed_chosen", "phase_started", "prompt_method_chosen", "prompts_prepared",
                "phase_started", "connections_opened", "case_started", "request_finished", "request_finished",
                "run_finished", "request_finished", "request_finished", "run_finished", "case_finished",
            ],
            "\(names)"
        )
        guard case .seedChosen(let seed) = events[1] else { throw Failure("no seed event") }
        #expect(seed == report.seed)
        guard case .caseFinished(let summary) = events.last else { throw Failure("no case_finished") }
        #expect(summary.successfulRequests == 4)
        #expect(recorder.warningsBesideTimingOnes.isEmpty)
    }

    @Test func aCaseThatMeasuresNothingIsWarnedAboutAsAnEvent() async throws {
        let recorder = EventRecorder()
        _ = try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: SimulatorOptions(latency: .instant)) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 1)
                config.cases = [BenchmarkCase(inputTokens: 4, outputTokens: 2)]
                config.load.mode = .concurrency
                config.load.durationSeconds = 0
                return try await BenchmarkRunner(config: config).run(observer: recorder.observe)
            }
        }
        #expect(recorder.warnings == [.unmeasuredCase(caseIndex: 0, point: .concurrency(1, requests: nil))])
    }

    @Test func withoutABaseURLTheLibrarySaysTheSimulatorIsTheCallersToStart() async throws {
        let error = await #expect(throws: BenchmarkError.self) {
            try await BenchmarkRunner(config: BenchmarkConfig()).run()
        }
        #expect(error?.description.contains("no base_url is set") == true, "\(String(describing: error))")
    }

    @Test func aWarningIsLoggedWithItsReasonAndRedacted() {
        let event = BenchmarkEvent.warning(.modelListFailed(basePath: "/v1", status: 401, message: "bad key sk-secret"))
        #expect(event.name == "warning")
        #expect(event.metadata["reason"] == "model_list_failed")
        let handler = RecordingLogHandler()
        var logger = Logger(label: "test") { _ in handler }
        logger.logLevel = .debug
        logger.log(event, redaction: SecretRedaction(apiKey: "sk-secret", headerValues: []))
        let entries = handler.entries
        #expect(entries.count == 1)
        #expect(entries.first?.message == "warning")
        #expect(
            entries.first?.metadata["message"] == "GET /v1/models answered HTTP 401 (bad key <redacted>); going on."
        )
    }

    @Test func aRequestIsLoggedWithItsIdAndFailure() {
        var record = RequestRecord(
            caseIndex: 0,
            run: 1,
            index: 0,
            requestID: "r-1",
            requestedInputTokens: 4,
            requestedOutputTokens: 2
        )
        record.attempts = 2
        record.failure = RequestFailure(kind: .http5xx, httpStatus: 503, message: "busy")
        let metadata = BenchmarkEvent.requestFinished(record).metadata
        #expect(metadata["request_id"] == "r-1" && metadata["status"] == "http_5xx" && metadata["attempts"] == "2")
        #expect(metadata["error"]?.contains("busy") == true)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

/// A log handler that keeps what it is given in `entries`.
struct RecordingLogHandler: LogHandler {
    struct Entry: Sendable {
        var message: String
        var metadata: [String: String]
    }

    private let kept = Entries()
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    var entries: [Entry] { kept.all.withLock { $0 } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let entry = Entry(message: event.message.description, metadata: (event.metadata ?? [:]).mapValues { "\($0)" })
        kept.all.withLock { $0.append(entry) }
    }

    private final class Entries: Sendable {
        let all = Mutex<[Entry]>([])
    }
}
