import Testing

@testable import LLMBench

/// The regression gate over comparisons and over a run's own figures.
struct RegressionGateTests {
    static let options = ComparisonOptions(bootstrapResamples: 400)

    static func comparison(baseline: Double, candidate: Double, count: Int = 60) -> RunComparison {
        RunComparison(
            baseline: [comparisonRun("base01", [ComparisonCaseFixture(ttfts: spreadTTFTs(count, around: baseline))])],
            candidate: [comparisonRun("cand01", [ComparisonCaseFixture(ttfts: spreadTTFTs(count, around: candidate))])],
            options: options
        )
    }

    static func gate(_ texts: [String], strict: Bool = false) throws -> RegressionGate {
        RegressionGate(expressions: try texts.map { try GateExpression(parsing: $0) }, isStrict: strict)
    }

    @Test func aSignificantRegressionCrossesTheGate() throws {
        let outcome = try Self.gate(["ttft_p90_ms>+10%", "output_throughput_tps<-50%"])
            .evaluate([Self.comparison(baseline: 10, candidate: 20)])
        #expect(outcome.isFailed)
        #expect(outcome.crossings.map(\.expression) == ["ttft_p90_ms>+10%"])
        let crossing = try #require(outcome.crossings.first)
        #expect(crossing.isSignificant)
        #expect(crossing.place == "100 in / 8 out, concurrency 4")
        #expect(crossing.description.hasPrefix("ttft_p90_ms>+10% in 100 in / 8 out, concurrency 4: +"))
        #expect(outcome.lines.last == "gate failed")
    }

    @Test func identicalRunsPassTheGate() throws {
        let outcome = try Self.gate(["ttft_p99_ms>+10%", "e2e_p50_ms>+1", "output_throughput_tps<-5%"])
            .evaluate([Self.comparison(baseline: 10, candidate: 10)])
        #expect(!outcome.isFailed)
        #expect(outcome.crossings.isEmpty)
        #expect(outcome.lines == ["gate passed"])
    }

    @Test func aChangeThatIsNotSignificantCountsOnlyWhenStrict() throws {
        // A 0.02 ms shift among values spread over 1 ms: past +0.1 %, but within the noise.
        let comparison = Self.comparison(baseline: 10, candidate: 10.02, count: 20)
        let lenient = try Self.gate(["ttft_p50_ms>+0.1%"]).evaluate([comparison])
        #expect(!lenient.isFailed)
        #expect(lenient.insignificant.count == 1)
        #expect(lenient.lines.first?.contains("not counted") == true)
        let strict = try Self.gate(["ttft_p50_ms>+0.1%"], strict: true).evaluate([comparison])
        #expect(strict.isFailed)
        #expect(strict.crossings.first?.isSignificant == false)
    }

    @Test func aBoundOnTheCandidatesValueNeedsNoSignificance() throws {
        let outcome = try Self.gate(["ttft_p50_ms>5"]).evaluate([Self.comparison(baseline: 10, candidate: 10)])
        #expect(outcome.isFailed)
        #expect(outcome.crossings.first?.isSignificant == true)
    }

    @Test func noMatchedCaseFailsTheGate() throws {
        let comparison = RunComparison(
            baseline: [comparisonRun("base01", [ComparisonCaseFixture(inputTokens: 1, ttfts: [1, 2])])],
            candidate: [comparisonRun("cand01", [ComparisonCaseFixture(inputTokens: 2, ttfts: [1, 2])])],
            options: Self.options
        )
        let outcome = try Self.gate(["ttft_p99_ms>+10%"]).evaluate([comparison])
        #expect(outcome.isFailed)
        #expect(outcome.problems.first?.contains("no case matched") == true)
    }

    @Test func anExpressionWhoseMetricNoCaseHasFailsTheGateAndIsNamed() throws {
        let outcome = try Self.gate(["itl_token_mean_ms>+1%"]).evaluate([Self.comparison(baseline: 10, candidate: 10)])
        #expect(outcome.isFailed)
        #expect(outcome.unevaluated == ["itl_token_mean_ms>+1%"])
        #expect(outcome.lines.first?.hasSuffix("so the gate fails") == true)
    }

    @Test(arguments: ["ttft_p99_ms>+10%", "ttft_p99_ms>500"])
    func aCandidateWithoutAGatedFigureFailsTheGate(expression: String) throws {
        let comparison = RunComparison(
            baseline: [comparisonRun("base01", [ComparisonCaseFixture(ttfts: spreadTTFTs(60, around: 10))])],
            candidate: [comparisonRun("cand01", [ComparisonCaseFixture(ttfts: [], failed: 60)])],
            options: Self.options
        )
        let outcome = try Self.gate([expression]).evaluate([comparison])
        #expect(outcome.isFailed)
        #expect(outcome.crossings.isEmpty)
        #expect(outcome.problems.first?.hasPrefix("ttft_p99_ms: the candidate has no value in 100 in / 8 out") == true)
    }

    @Test func aBaselineWithoutAGatedFigureFailsAGateOnItsChange() throws {
        let comparison = RunComparison(
            baseline: [comparisonRun("base01", [ComparisonCaseFixture(ttfts: [], failed: 60)])],
            candidate: [comparisonRun("cand01", [ComparisonCaseFixture(ttfts: spreadTTFTs(60, around: 10))])],
            options: Self.options
        )
        let outcome = try Self.gate(["ttft_p99_ms>+10%"]).evaluate([comparison])
        #expect(outcome.isFailed)
        #expect(outcome.problems.first?.hasPrefix("ttft_p99_ms: the baseline has no value in 100 in / 8 out") == true)
    }

    @Test func aRiseFromZeroCrossesARelativeBound() throws {
        var failing = ComparisonCaseFixture(ttfts: spreadTTFTs(40, around: 10))
        failing.failed = 30
        let comparison = RunComparison(
            baseline: [comparisonRun("base01", [ComparisonCaseFixture(ttfts: spreadTTFTs(40, around: 10))])],
            candidate: [comparisonRun("cand01", [failing])],
            options: Self.options
        )
        let share = try #require(comparison.cases.first?[.failedShare])
        #expect(share.relativeChange == .infinity)
        #expect(ComparisonText.cells(share)[4] == "+inf %")
        let outcome = try Self.gate(["failed_requests_pct>+10%", "failed_requests_pct<-10%"]).evaluate([comparison])
        #expect(outcome.crossings.map(\.expression) == ["failed_requests_pct>+10%"])
        #expect(outcome.crossings.first?.description.hasSuffix(": +inf % (from 0), significant") == true)
        let same = RunComparison(
            baseline: [comparisonRun("base01", [ComparisonCaseFixture(ttfts: spreadTTFTs(40, around: 10))])],
            candidate: [comparisonRun("cand01", [ComparisonCaseFixture(ttfts: spreadTTFTs(40, around: 10))])],
            options: Self.options
        )
        #expect(same.cases.first?[.failedShare]?.relativeChange == 0)
    }

    @Test func aRunWithoutAGatedFigureFailsItsGate() throws {
        var failed = successfulRecord(index: 0)
        failed.failure = RequestFailure(kind: .http5xx, message: "HTTP 500")
        let report = BenchmarkReport(
            cases: [caseSummary(records: [failed])],
            files: ResultFiles(runID: "abc123", results: "r.csv", requests: "r.jsonl", summary: "s.json"),
            seed: 7
        )
        let outcome = try Self.gate(["ttft_p99_ms>500"]).evaluate(report)
        #expect(outcome.isFailed)
        #expect(outcome.problems.first?.hasPrefix("ttft_p99_ms: the run has no value in case ") == true)
    }

    @Test func aRunsOwnFiguresAreGatedByValue() throws {
        var failed = successfulRecord(index: 2)
        failed.failure = RequestFailure(kind: .http5xx, message: "HTTP 500")
        let summary = caseSummary(records: [successfulRecord(index: 0), successfulRecord(index: 1), failed])
        let report = BenchmarkReport(
            cases: [summary],
            files: ResultFiles(runID: "abc123", results: "r.csv", requests: "r.jsonl", summary: "s.json"),
            seed: 7
        )
        let ttft = try #require(summary.latency[.ttft]?.p99)
        let outcome = try Self.gate(["ttft_p99_ms>\(ttft * 2)", "failed_requests_pct>30", "ttft_p99_ms>=\(ttft)"])
            .evaluate(report)
        #expect(outcome.crossings.map(\.expression) == ["failed_requests_pct>30", "ttft_p99_ms>=\(ttft)"])
        #expect(outcome.crossings.first?.place == "case 1 (128 in / 4 out, 10 run(s) x 10 concurrent)")
        #expect(abs((outcome.crossings.first?.observed ?? 0) - 100.0 / 3) < 1e-9)
    }
}
