import Testing

@testable import LLMBench

/// The load points of a case, planned or searched, one at a time.
struct LoadScheduleTests {
    static func summary(measured: Int, throughput: Double) -> CaseSummary {
        var summary = CaseSummary.placeholder
        summary.successfulRequests = measured
        summary.failedRequests = 0
        summary.wallTimeSeconds = 1
        summary.totalOutputTokens = Int(throughput)
        return summary
    }

    @Test func aListedSweepYieldsItsPointsInOrderWhateverTheFigures() {
        var config = BenchmarkConfig()
        config.load.mode = .sweep
        config.load.sweep = .concurrency([1, 4])
        config.load.requests = 3
        var schedule = LoadSchedule(config: config)
        var points: [LoadPoint] = []
        while let point = schedule.next() {
            points.append(point)
            schedule.record(Self.summary(measured: 0, throughput: 0), at: point)
        }
        #expect(points == [.concurrency(1, requests: 3), .concurrency(4, requests: 3)])
        #expect(schedule.steps == 2)
        #expect(schedule.outcome(caseIndex: 0) == nil, "no search, no outcome")
    }

    @Test func aSearchDoublesWhileThroughputGrowsAndStopsAtSaturation() {
        var config = BenchmarkConfig()
        config.load.mode = .sweep
        config.load.sweep = .search(maxConcurrency: 16)
        config.load.requests = 2
        var schedule = LoadSchedule(config: config)
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

    @Test func aSearchEndsAtAStepThatMeasuredNothing() {
        var config = BenchmarkConfig()
        config.load.mode = .sweep
        config.load.sweep = .search(maxConcurrency: 16)
        var schedule = LoadSchedule(config: config)
        let first = schedule.next()
        #expect(first == .concurrency(1, requests: 1))
        if let first { schedule.record(Self.summary(measured: 0, throughput: 0), at: first) }
        #expect(schedule.next() == nil)
        #expect(schedule.outcome(caseIndex: 0)?.steps == [])
    }
}
