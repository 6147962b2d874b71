/// The exit status `llm-bench run` documents for each outcome of a benchmark.
public enum BenchmarkExitStatus: Int32, Sendable, CaseIterable {
    /// Every request succeeded.
    case success = 0
    /// Some requests failed (or a case measured none); results were written.
    case someRequestsFailed = 1
    /// Bad usage or configuration.
    case badConfig = 2
    /// The benchmark could not run.
    case couldNotRun = 3
    /// A regression gate was crossed: `compare --fail-on`, or the config's `fail_on` at the end
    /// of a run (whose results are written).
    case gateFailed = 4
    /// Interrupted by SIGINT or SIGTERM; what was measured is written.
    case interrupted = 130

    /// The status of a benchmark that ran to its report.
    public init(_ report: BenchmarkReport) {
        if report.wasInterrupted {
            self = .interrupted
        } else if report.failedRequests > 0 || report.unmeasuredCases > 0 {
            self = .someRequestsFailed
        } else {
            self = .success
        }
    }

    /// The status of a benchmark that stopped with `error`: what the user must fix in the config or
    /// the corpus is a bad config, what went wrong around it (server, files, limits) could not run.
    public init(_ error: BenchmarkError) {
        switch error {
        case .config: self = .badConfig
        case .prompts(let problem):
            switch problem {
            case .corpusMissing, .corpusUnreadable, .corpusEmpty, .dataset, .trace: self = .badConfig
            case .server, .cache: self = .couldNotRun
            }
        case .unreachable, .output, .simulator, .liveMetrics, .limits: self = .couldNotRun
        case .interrupted: self = .interrupted
        }
    }
}
