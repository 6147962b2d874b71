import ArgumentParser
import Foundation
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

            \(ExitStatus.summary)
            """,
        version: LLMBenchVersion.current,
        subcommands: [
            RunCommand.self, SimulateCommand.self, ReportCommand.self, CompareCommand.self, MergeCommand.self,
            LiveCommand.self, KubernetesCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )

    /// Parses and runs as argument-parser does, except that a usage error exits 2 (as documented),
    /// not EX_USAGE (64), and `help` refuses a subcommand that does not exist.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            try checkHelpTopics(arguments)
            var command = try await asyncParseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitStatus.badConfig.rawValue)
        }
    }

    /// `llm-bench help NAME…` names a chain of subcommands; argument-parser would show the root's
    /// help for a name it does not know, and exit 0.
    static func checkHelpTopics(_ arguments: [String]) throws {
        guard arguments.first == "help" else { return }
        var subcommands = configuration.subcommands
        for name in arguments.dropFirst() where !name.hasPrefix("-") {
            let names = subcommands.map(commandName)
            guard let index = names.firstIndex(of: name) else {
                throw ValidationError(
                    "'\(name)' is not a subcommand (known: \(names.joined(separator: ", "))); see 'llm-bench --help'."
                )
            }
            subcommands = subcommands[index].configuration.subcommands
        }
    }

    /// A subcommand's name as typed.
    private static func commandName(_ command: any ParsableCommand.Type) -> String {
        command.configuration.commandName ?? ""
    }
}
