import Foundation

extension CaseSummary {
    /// A summary of no requests, used to list the columns.
    static var placeholder: CaseSummary {
        CaseSummary(
            records: [],
            benchmarkCase: BenchmarkCase(inputTokens: 1, outputTokens: 1),
            caseIndex: 0,
            model: "",
            runs: 1,
            concurrency: 1,
            startedAt: Date(timeIntervalSince1970: 0)
        )
    }
}
