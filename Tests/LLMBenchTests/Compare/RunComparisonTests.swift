import Foundation
import Testing

@testable import LLMBench

/// `RunComparison` on hand-made runs: matching, pooling, figures and verdicts.
struct RunComparisonTests {
    static let options = ComparisonOptions(bootstrapResamples: 400)

    static func fixture(_ ttft: Double, count: Int = 60, concurrency: Int? = 4, inputTokens: Int = 100)
        -> ComparisonCaseFixture
    {
        ComparisonCaseFixture(
            inputTokens: inputTokens,
            concurrency: concurrency,
            ttfts: spreadTTFTs(count, around: ttft)
        )
    }

    @Test func aSlowerCandidateIsWorseWithSignificance() throws {
        let comparison = RunComparison(
            baseline: [comparisonRun("base01", [Self.fixture(10, count: 200)])],
            candidate: [comparisonRun("cand01", [Self.fixture(20, count: 200)])],
            options: Self.options
        )
        let matched = try #require(comparison.cases.first)
        for statistic in ComparisonFigure.Statistic.allCases {
            let figure = try #require(matched[.latency(.ttft, statistic)])
            #expect(figure.verdict == .worse, "\(figure)")
            #expect(figure.isSignificant)
            #expect(figure.absoluteChange.map { abs($0 - 10) < 0.01 } == true)
        }
        let distribution = try #require(matched[.distribution(.ttft)])
        guard case .mannWhitney(let test, _) = distribution.test else {
            Issue.record("the distribution is not tested by U")
            return
        }
        #expect(test.commonLanguageEffect == 1)
        #expect(test.pValue < 1e-10)
        #expect(distribution.verdict == .worse)
        #expect(matched[.latency(.e2e, .p50)]?.verdict == .worse)
        // Unchanged decode: ITL and TPOT are the same on both sides.
        #expect(matched[.latency(.itl, .p50)]?.verdict == .unchanged)
        #expect(matched[.failedShare]?.verdict == .unchanged)
    }

    @Test func aFasterCandidateIsBetter() throws {
        let comparison = RunComparison(
            baseline: [comparisonRun("base01", [Self.fixture(20)])],
            candidate: [comparisonRun("cand01", [Self.fixture(10)])],
            options: Self.options
        )
        #expect(comparison.cases.first?[.latency(.ttft, .p90)]?.verdict == .better)
        #expect(comparison.cases.first?[.distribution(.ttft)]?.verdict == .better)
    }

    @Test func identicalRunsShowNoSignificantChange() throws {
        let comparison = RunComparison(
            baseline: [comparisonRun("base01", [Self.fixture(10, count: 200)])],
            candidate: [comparisonRun("cand01", [Self.fixture(10, count: 200)])],
            options: Self.options
        )
        let matched = try #require(comparison.cases.first)
        #expect(!matched.figures.isEmpty)
        for figure in matched.figures {
            #expect(figure.verdict == .unchanged, "\(figure.figure.name)")
        }
        #expect(matched[.outputThroughput] != nil)
        #expect(matched[.requestThroughput] != nil)
    }

    @Test func casesMatchByInputsAndLoadPointAndTheRestAreListed() throws {
        let comparison = RunComparison(
            baseline: [comparisonRun("base01", [Self.fixture(10), Self.fixture(10, inputTokens: 200)])],
            candidate: [comparisonRun("cand01", [Self.fixture(10), Self.fixture(10, concurrency: 8)])],
            options: Self.options
        )
        #expect(comparison.cases.map(\.key.description) == ["100 in / 8 out, concurrency 4"])
        #expect(comparison.unmatchedBaseline.map(\.description) == ["200 in / 8 out, concurrency 4"])
        #expect(comparison.unmatchedCandidate.map(\.description) == ["100 in / 8 out, concurrency 8"])
    }

    @Test func sweepStepsMatchStepByStep() throws {
        var first = Self.fixture(10, concurrency: 2)
        var second = Self.fixture(30, concurrency: 4)
        second.step = 1
        let baseline = comparisonRun("base01", [first, second])
        first.ttfts = spreadTTFTs(60, around: 10)
        second.ttfts = spreadTTFTs(60, around: 60)
        let candidate = comparisonRun("cand01", [first, second])
        let comparison = RunComparison(baseline: [baseline], candidate: [candidate], options: Self.options)
        #expect(comparison.cases.map(\.key.loadConcurrency) == [2, 4])
        #expect(comparison.cases[0][.latency(.ttft, .p50)]?.verdict == .unchanged)
        #expect(comparison.cases[1][.latency(.ttft, .p50)]?.verdict == .worse)
        #expect(comparison.cases[1][.latency(.ttft, .p50)]?.absoluteChange.map { abs($0 - 30) < 0.01 } == true)
    }

    @Test func aSingleRunsFiguresAreTheSummarysOwn() throws {
        let baseline = comparisonRun("base01", [Self.fixture(10)])
        let comparison = RunComparison(
            baseline: [baseline],
            candidate: [comparisonRun("cand01", [Self.fixture(12)])],
            options: Self.options
        )
        let matched = try #require(comparison.cases.first)
        for figure in matched.figures where figure.baseline != nil {
            guard case .latency = figure.figure else { continue }
            #expect(figure.baseline == baseline.cases[0].number(figure.figure.name), "\(figure.figure.name)")
        }
        #expect(matched[.outputThroughput]?.baseline == baseline.cases[0].number("output_throughput_tps"))
    }

    @Test func repeatedRunsPoolTheirRecords() throws {
        let runs = [comparisonRun("base01", [Self.fixture(10)]), comparisonRun("base02", [Self.fixture(14)])]
        let comparison = RunComparison(
            baseline: runs,
            candidate: [comparisonRun("cand01", [Self.fixture(12)])],
            options: Self.options
        )
        let matched = try #require(comparison.cases.first)
        #expect(matched.baselineCases == 2)
        #expect(matched.baselineRequests == 120)
        let pooled = (spreadTTFTs(60, around: 10) + spreadTTFTs(60, around: 14)).sorted()
        #expect(matched[.latency(.ttft, .p90)]?.baseline == Distribution.percentile(0.9, ofSorted: pooled))
        #expect(comparison.baselineRunIDs == ["base01", "base02"])
    }

    @Test func withoutRequestRecordsTheFiguresAreNotTested() throws {
        let comparison = RunComparison(
            baseline: [comparisonRun("base01", [Self.fixture(10)], withRecords: false)],
            candidate: [comparisonRun("cand01", [Self.fixture(20)])],
            options: Self.options
        )
        let matched = try #require(comparison.cases.first)
        #expect(matched[.latency(.ttft, .p99)]?.verdict == .notTested)
        #expect(matched[.distribution(.ttft)] == nil)
        #expect(matched[.outputThroughput]?.verdict == .notTested)
        #expect(matched[.failedShare]?.verdict == .unchanged)
    }

    @Test func oneRequestPerSideIsNotTested() throws {
        let comparison = RunComparison(
            baseline: [comparisonRun("base01", [ComparisonCaseFixture(ttfts: [10])])],
            candidate: [comparisonRun("cand01", [ComparisonCaseFixture(ttfts: [20])])],
            options: Self.options
        )
        let matched = try #require(comparison.cases.first)
        // ITL has 7 gaps per request, enough values for its tests; every other figure has one.
        for figure in matched.figures where !figure.figure.name.hasPrefix("itl") {
            #expect(figure.verdict == .notTested, "\(figure.figure.name)")
        }
        let p50 = try #require(matched[.latency(.ttft, .p50)])
        #expect(p50.test == .notTested(reason: "fewer than 5 values on a side (baseline 1, candidate 1)"))
    }

    @Test(arguments: [
        (ComparisonFigure.Statistic.p90, 19, false), (.p90, 20, true), (.p99, 199, false), (.p99, 200, true),
    ])
    func aPercentileIsTestedOnlyWithTwoValuesBeyondIt(statistic: ComparisonFigure.Statistic, count: Int, tested: Bool)
        throws
    {
        let comparison = RunComparison(
            baseline: [comparisonRun("base01", [Self.fixture(10, count: count)])],
            candidate: [comparisonRun("cand01", [Self.fixture(20, count: count)])],
            options: Self.options
        )
        let figure = try #require(comparison.cases.first?[.latency(.ttft, statistic)])
        #expect((figure.verdict != .notTested) == tested)
        if !tested, case .notTested(let reason) = figure.test {
            #expect(reason.contains("2 values beyond it"))
        }
    }

    @Test func moreFailuresAreWorse() throws {
        var failing = Self.fixture(10, count: 100)
        failing.failed = 30
        let comparison = RunComparison(
            baseline: [comparisonRun("base01", [Self.fixture(10, count: 100)])],
            candidate: [comparisonRun("cand01", [failing])],
            options: Self.options
        )
        let share = try #require(comparison.cases.first?[.failedShare])
        #expect(share.baseline == 0)
        #expect(abs((share.candidate ?? 0) - 100 * 30 / 130.0) < 1e-12)
        #expect(share.verdict == .worse)
    }

    @Test func windowThroughputsAverageToTheCasesThroughput() throws {
        let fixture = Self.fixture(10)
        let records = fixture.records()
        let sample = CaseSample(cases: [fixture.results(records)], records: [records])
        let windows = sample.windowThroughputs(count: 10)
        #expect(windows.tokens.count == 10)
        let mean = windows.tokens.reduce(0, +) / 10
        let expected = try #require(sample.cases[0].number("output_throughput_tps"))
        #expect(abs(mean - expected) / expected < 1e-9)
        let requests = windows.requests.reduce(0, +) / 10
        let expectedRequests = try #require(sample.cases[0].number("request_throughput_rps"))
        #expect(abs(requests - expectedRequests) / expectedRequests < 1e-9)
    }

    @Test func aRequestCountsInEveryWindowItOverlapsByItsTimeThere() throws {
        // One wave: four requests from 0 to 100 ms, the case's whole span.
        let fixture = Self.fixture(10, count: 4)
        let records = fixture.records().map { record in
            var record = record
            record.startOffsetMilliseconds = 0
            record.sendOffsetMilliseconds = 0
            record.endOffsetMilliseconds = 100
            return record
        }
        let sample = CaseSample(cases: [fixture.results(records)], records: [records])
        let windows = sample.windowThroughputs(count: 10).requests
        #expect(windows.count == 10)
        for rate in windows { #expect(abs(rate - 40) < 1e-9, "\(windows)") }
    }

    @Test func requestWindowsSumToTheCasesRequests() throws {
        let fixture = Self.fixture(10, count: 37)
        let records = fixture.records()
        let sample = CaseSample(cases: [fixture.results(records)], records: [records])
        let span = try #require(sample.cases[0].number("wall_time_s"))
        let total = sample.windowThroughputs(count: 7).requests.reduce(0) { $0 + $1 * span / 7 }
        #expect(abs(total - 37) < 1e-9)
    }

    @Test func theFirstAnswerTokenIsShownOnlyWhenItIsNotTheFirstToken() throws {
        func run(_ id: String, reasoning: Double) -> RunResults {
            var run = comparisonRun(id, [Self.fixture(10)])
            for index in run.records.indices {
                run.records[index].latencies[.ttftContent] = (run.records[index].latencies[.ttft] ?? 0) + reasoning
            }
            return run
        }
        let plain = RunComparison(
            baseline: [run("b", reasoning: 0)],
            candidate: [run("c", reasoning: 0)],
            options: Self.options
        )
        #expect(plain.cases.first?[.distribution(.ttftContent)] == nil)
        let thinking = RunComparison(
            baseline: [run("b", reasoning: 0)],
            candidate: [run("c", reasoning: 50)],
            options: Self.options
        )
        #expect(thinking.cases.first?[.distribution(.ttftContent)]?.verdict == .worse)
    }
}
