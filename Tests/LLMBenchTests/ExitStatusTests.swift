import Testing

@testable import LLMBench

/// The exit status of each outcome, as the README's exit codes section states them.
struct ExitStatusTests {
    @Test(arguments: [
        (BenchmarkError.config(.fileNotFound(path: "bench.yaml")), BenchmarkExitStatus.badConfig),
        (.prompts(.corpusMissing(path: "input.txt", searched: ["."])), .badConfig),
        (.prompts(.corpusUnreadable(path: "input.txt", reason: "denied")), .badConfig),
        (.prompts(.corpusEmpty(path: "input.txt")), .badConfig),
        (.prompts(.dataset(path: "prompts.jsonl", line: 3, reason: "not JSON")), .badConfig),
        (.prompts(.server("POST /tokenize failed")), .couldNotRun),
        (.prompts(.cache(path: "prompts", reason: "read-only")), .couldNotRun),
        (.unreachable("connection refused"), .couldNotRun),
        (.output(OutputError(path: "out", reason: "read-only")), .couldNotRun),
        (.simulator("port in use"), .couldNotRun),
        (.limits("too few file descriptors"), .couldNotRun),
        (.interrupted, .interrupted),
    ])
    func anErrorExitsWithTheDocumentedStatus(error: BenchmarkError, status: BenchmarkExitStatus) {
        #expect(BenchmarkExitStatus(error) == status)
    }

    @Test func theStatusesAreTheDocumentedNumbers() {
        #expect(BenchmarkExitStatus.allCases.map(\.rawValue) == [0, 1, 2, 3, 4, 130])
    }

    @Test func aReportWithEveryRequestSucceededExitsWithZero() {
        #expect(BenchmarkExitStatus(Self.report([Self.summary(failing: 0)])) == .success)
    }

    @Test func aReportWithAFailedRequestExitsWithOne() {
        #expect(
            BenchmarkExitStatus(Self.report([Self.summary(failing: 0), Self.summary(failing: 1)]))
                == .someRequestsFailed
        )
    }

    @Test func aReportWithACaseThatMeasuredNothingExitsWithOne() {
        #expect(
            BenchmarkExitStatus(Self.report([Self.summary(failing: 0), caseSummary(records: [])]))
                == .someRequestsFailed
        )
    }

    @Test func anInterruptedReportExitsWith130EvenWithFailures() {
        var report = Self.report([Self.summary(failing: 1)])
        report.wasInterrupted = true
        #expect(BenchmarkExitStatus(report) == .interrupted)
    }

    static func summary(failing: Int) -> CaseSummary {
        var failed = successfulRecord(index: 1)
        failed.failure = RequestFailure(kind: .http5xx, message: "HTTP 500")
        return caseSummary(records: [successfulRecord(index: 0)] + Array(repeating: failed, count: failing))
    }

    static func report(_ cases: [CaseSummary]) -> BenchmarkReport {
        BenchmarkReport(
            cases: cases,
            files: ResultFiles(runID: "abc123", results: "r.csv", requests: "r.jsonl", summary: "s.json"),
            seed: 7
        )
    }
}
