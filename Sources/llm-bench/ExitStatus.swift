import ArgumentParser
import LLMBench

/// The exit codes llm-bench documents, as argument-parser throws them (``BenchmarkExitStatus`` decides them).
enum ExitStatus {
    /// Bad usage or configuration.
    static let badConfig = ExitCode(BenchmarkExitStatus.badConfig.rawValue)
    /// A regression gate (`--fail-on`, or `fail_on` in the config) was crossed.
    static let gateFailed = ExitCode(BenchmarkExitStatus.gateFailed.rawValue)
    /// Interrupted by SIGINT or SIGTERM; what was measured is written.
    static let interrupted = ExitCode(BenchmarkExitStatus.interrupted.rawValue)

    /// The codes as the help states them.
    static let summary = """
        Exit codes: 0 every request succeeded; 1 some requests failed (results are still written); \
        2 bad usage or config; 3 the benchmark could not run (e.g. the server is unreachable, results not \
        writable); 4 a regression gate was crossed (compare's --fail-on, or fail_on in the config; results are \
        still written); 130 interrupted by Ctrl-C or SIGTERM (what was measured is written).
        """
}
