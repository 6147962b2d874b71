import ArgumentParser

/// The exit codes llm-bench documents.
enum ExitStatus {
    /// Every request succeeded.
    static let success = ExitCode(0)
    /// Some requests failed; results were written.
    static let someRequestsFailed = ExitCode(1)
    /// Bad usage or configuration.
    static let badConfig = ExitCode(2)
    /// The benchmark could not run.
    static let couldNotRun = ExitCode(3)
    /// Interrupted by SIGINT or SIGTERM; what was measured is written.
    static let interrupted = ExitCode(130)
}
