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

    /// The codes as the help states them.
    static let summary = """
        Exit codes: 0 every request succeeded; 1 some requests failed (results are still written); \
        2 bad usage or config; 3 the benchmark could not run (e.g. the server is unreachable, results not \
        writable); 130 interrupted by Ctrl-C or SIGTERM (what was measured is written).
        """
}
