import ArgumentParser
import LLMBench

/// The `llm-bench` command: benchmark an OpenAI-compatible server from one YAML file.
@main
struct LLMBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llm-bench",
        abstract: "Benchmark an OpenAI-compatible LLM server: TTFT, TPOT, ITL, throughput and failures per case.",
        discussion: """
            Run a benchmark with `llm-bench CONFIG.yaml` (the same as `llm-bench run CONFIG.yaml`). Without a \
            base_url in the config, the built-in simulated server is the target.

            Exit codes: 0 every request succeeded; 1 some requests failed (results are still written); \
            2 bad usage or config; 3 the benchmark could not run (e.g. the server is unreachable).
            """,
        version: LLMBenchVersion.current,
        subcommands: [RunCommand.self, SimulateCommand.self],
        defaultSubcommand: RunCommand.self
    )
}
