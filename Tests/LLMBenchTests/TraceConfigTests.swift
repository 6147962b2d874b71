import Foundation
import Testing

@testable import LLMBench

/// The `trace:` case as the config writes it, and how the `load:` keys apply to it.
struct TraceConfigTests {
    static func load(_ cases: String, load: String = "") throws(ConfigError) -> BenchmarkConfig {
        try ConfigLoader.parse(yaml: "runs: 1\nnum_concurrent_requests: 2\n\(load)cases:\n\(cases)", file: "bench.yaml")
    }

    static func error(_ cases: String) -> ConfigError? {
        do {
            _ = try load(cases)
            return nil
        } catch {
            return error
        }
    }

    @Test func aTraceCaseReadsItsKeys() throws {
        let config = try Self.load(
            "  - {trace: t.jsonl, format: mooncake, speed: 2, max_requests: 100, duration: 90s, block_tokens: 256}\n"
        )
        var expected = TraceSettings(path: "t.jsonl", format: .mooncake)
        expected.speed = 2
        expected.maxRequests = 100
        expected.durationSeconds = 90
        expected.blockTokens = 256
        #expect(config.cases.first?.workload == .trace(expected))
        #expect(config.cases.first?.workload.description == "trace-mooncake:t.jsonl@2x")
        let plain = try Self.load("  - {trace: a.csv, format: azure}\n")
        #expect(plain.cases.first?.workload == .trace(TraceSettings(path: "a.csv", format: .azure)))
    }

    @Test func theConsoleSaysATracesPromptsAreCutFromTheCorpus() throws {
        let mixed = try Self.load("  - {trace: a.csv, format: azure}\n  - {input_tokens: 8, output_tokens: 4}\n")
        #expect(PromptPhase.origin(of: mixed) == "generate (trace cases: corpus)")
        #expect(PromptPhase.origin(of: try Self.load("  - {input_tokens: 8, output_tokens: 4}\n")) == "generate")
        var corpus = mixed
        corpus.promptSource = .corpus
        #expect(PromptPhase.origin(of: corpus) == "corpus")
    }

    @Test func aTraceCaseNeedsItsFormat() throws {
        let error = try #require(Self.error("  - {trace: a.csv}\n"))
        #expect(error.description.contains("cases[0].format"))
        let wrong = try #require(Self.error("  - {trace: a.csv, format: sharegpt}\n"))
        #expect(wrong.description.contains("'mooncake', 'azure', 'burstgpt', 'jsonl'"))
    }

    @Test func keysATraceDoesNotReadAreRefused() throws {
        let error = try #require(Self.error("  - {trace: a.csv, format: azure, input_tokens: 5}\n"))
        #expect(error.description.contains("unknown key 'cases[0].input_tokens'"))
        let blocks = try #require(Self.error("  - {trace: a.csv, format: burstgpt, block_tokens: 64}\n"))
        #expect(blocks.description.contains("only mooncake and jsonl"))
        let speed = try #require(Self.error("  - {trace: a.csv, format: azure, speed: 0}\n"))
        #expect(speed.description.contains("cases[0].speed"))
    }

    @Test func aTraceCaseIsWrittenBackAsItsKeys() throws {
        var settings = TraceSettings(path: "t.jsonl", format: .jsonl)
        settings.maxRequests = 9
        let data = try JSONEncoder().encode(BenchmarkCase(workload: .trace(settings)))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["trace"] as? String == "t.jsonl")
        #expect(object["format"] as? String == "jsonl")
        #expect(object["max_requests"] as? Int == 9)
        #expect(object["block_tokens"] as? Int == 512)
    }

    @Test func loadKeysATraceIgnoresAreNamed() throws {
        let traces = try Self.load(
            "  - {trace: a.csv, format: azure}\n",
            load: "load: {mode: rate, rate: 5, max_concurrency: 4, requests: 10}\n"
        )
        let plan = try LoadPlan(traces, origin: .commandLine)
        #expect(
            plan.ineffectiveSettings
                == ["load.mode", "load.rate", "load.requests"].map {
                    "\($0) has no effect on trace cases: a trace sets its own arrivals and counts (its speed, max_requests and duration)"
                }
        )
        let mixed = try Self.load(
            "  - {input_tokens: 8, output_tokens: 4}\n  - {trace: a.csv, format: azure}\n",
            load: "load: {max_concurrency: 4}\n"
        )
        #expect(try LoadPlan(mixed, origin: .commandLine).ineffectiveSettings.isEmpty, "the cap applies to the trace")
        let mixedRate = try Self.load(
            "  - {input_tokens: 8, output_tokens: 4}\n  - {trace: a.csv, format: azure}\n",
            load: "load: {mode: rate, rate: 5}\n"
        )
        let sentences = try LoadPlan(mixedRate, origin: .commandLine).ineffectiveSettings
        #expect(sentences.count == 1)
        #expect(sentences.first?.contains("not to case(s) 2") == true)
    }

    @Test func aTraceRunsOneReplayWhateverTheMode() throws {
        var config = try Self.load(
            "  - {trace: a.csv, format: azure}\n",
            load: "load: {mode: sweep, sweep: {search: true}}\n"
        )
        config.load.sweep = .search(maxConcurrency: 8)
        let replay = TraceReplay(speed: 1, offsetsNanoseconds: [0, 5, 9])
        var schedule = LoadSchedule(plan: try LoadPlan(config, origin: .commandLine), slo: config.slo, replay: replay)
        #expect(schedule.next() == .trace(replay))
        #expect(schedule.next() == nil)
        #expect(schedule.outcome(caseIndex: 0) == nil)
    }

    @Test func fixedArrivalsAreAdmittedInTheirOrderAtTheirOffsets() {
        var arrivals = OpenLoopArrivals(source: FixedArrivals([0, 0, 40, 90]), caseStart: 1_000, total: 4)
        var due: [UInt64] = []
        while arrivals.hasMore {
            due.append(arrivals.nextDue)
            arrivals.admitNext()
        }
        #expect(due == [1_000, 1_000, 1_040, 1_090])
        #expect(arrivals.waiting == due)
        #expect(arrivals.nextDue == 1_090, "past the end the last again, never a wrapped time")
    }

    @Test func aReplaysRateAndPeakComeFromItsOffsets() {
        let replay = TraceReplay(
            speed: 1,
            offsetsNanoseconds: [0, 100_000_000, 200_000_000, 1_500_000_000, 2_000_000_000]
        )
        #expect(replay.meanRate == 2)
        #expect(replay.peakRequestsPerSecond == 3)
        #expect(LoadPoint.trace(replay).connectionsNeeded(cap: nil) == 8)
        #expect(LoadPoint.trace(replay).connectionsNeeded(cap: 2) == 2)
        #expect(TraceReplay.scaled(3, speed: 2) == 2)
        #expect(TraceReplay.scaled(1_000_000_000, speed: 0.5) == 2_000_000_000)
    }
}
