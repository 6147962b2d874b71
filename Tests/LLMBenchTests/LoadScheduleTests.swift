import Foundation
import Testing

@testable import LLMBench

/// The load points of a case, planned or searched, one at a time.
struct LoadScheduleTests {
    /// A case of `measured` requests over one second with `throughput` output tokens per second.
    static func summary(measured: Int, throughput: Double) -> CaseSummary {
        let tokens = measured > 0 ? Int(throughput) / measured : 0
        return CaseSummary(
            records: (0..<measured).map { _ in timedRecord(ttft: 1000, gaps: [], tokens: tokens) },
            benchmarkCase: BenchmarkCase(inputTokens: 1, outputTokens: 1),
            caseIndex: 0,
            model: "m",
            runs: 1,
            concurrency: 1,
            startedAt: Date(timeIntervalSince1970: 0)
        )
    }

    static func schedule(_ config: BenchmarkConfig) throws -> LoadSchedule {
        LoadSchedule(plan: try LoadPlan(config, origin: .commandLine), slo: config.slo)
    }

    @Test func aListedSweepYieldsItsPointsInOrderWhateverTheFigures() throws {
        var config = BenchmarkConfig()
        config.load.mode = .sweep
        config.load.sweep = .concurrency([1, 4])
        config.load.requests = 3
        var schedule = try Self.schedule(config)
        var points: [LoadPoint] = []
        while let point = schedule.next() {
            points.append(point)
            schedule.record(Self.summary(measured: 0, throughput: 0), at: point)
        }
        #expect(points == [.concurrency(1, requests: 3), .concurrency(4, requests: 3)])
        #expect(schedule.steps == 2)
        #expect(schedule.outcome(caseIndex: 0) == nil, "no search, no outcome")
    }

    @Test func aSearchDoublesWhileThroughputGrowsAndStopsAtSaturation() throws {
        var config = BenchmarkConfig()
        config.load.mode = .sweep
        config.load.sweep = .search(maxConcurrency: 16)
        config.load.requests = 2
        var schedule = try Self.schedule(config)
        var measured: [Int] = []
        while let point = schedule.next() {
            guard case .concurrency(let concurrency, let requests) = point else { break }
            #expect(requests == 2)
            measured.append(concurrency)
            schedule.record(Self.summary(measured: 2, throughput: Double(min(concurrency, 4)) * 100), at: point)
        }
        #expect(measured == [1, 2, 4, 8])
        let outcome = schedule.outcome(caseIndex: 3)
        #expect(outcome?.bestConcurrency == 4 && outcome?.isSaturated == true && outcome?.caseIndex == 3)
    }

    @Test func aSearchEndsAtAStepThatMeasuredNothing() throws {
        var config = BenchmarkConfig()
        config.load.mode = .sweep
        config.load.sweep = .search(maxConcurrency: 16)
        var schedule = try Self.schedule(config)
        let first = schedule.next()
        #expect(first == .concurrency(1, requests: 1))
        if let first { schedule.record(Self.summary(measured: 0, throughput: 0), at: first) }
        #expect(schedule.next() == nil)
        #expect(schedule.outcome(caseIndex: 0)?.steps == [])
    }
}
