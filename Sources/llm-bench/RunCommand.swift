import ArgumentParser
import Foundation
import LLMBench
import Logging

/// `llm-bench run CONFIG.yaml`: runs the benchmark a config file describes.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the benchmark described by a YAML config file.",
        discussion: "See README.md for every config key. Exit codes: 0 all requests succeeded, 1 some failed, 2 bad config, 3 could not run."
    )

    @Argument(help: "The YAML config file, e.g. configs/demo.yaml.")
    var configPath: String

    @Option(name: .customLong("output-dir"), help: "Write results here instead of the config's output_dir.")
    var outputDirectory: String?

    @Option(help: "Seed for the prompts' random choices (overrides the config's seed).")
    var seed: UInt64?

    @Flag(name: .shortAndLong, help: "Print nothing but errors and the final table.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Log diagnostics (debug level) to stderr.")
    var verbose = false

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = verbose ? .debug : .warning
            return handler
        }
        var config: BenchmarkConfig
        do {
            config = try ConfigLoader.load(path: configPath)
        } catch {
            Self.printError(error.description)
            throw ExitStatus.badConfig
        }
        if let outputDirectory { config.outputDirectory = outputDirectory }
        if let seed { config.seed = seed }
        let reporter = ConsoleReporter(style: quiet ? .silent : nil)
        let report: BenchmarkReport
        do {
            report = try await BenchmarkRunner(config: config, logger: Logger(label: "llm-bench")).run(reporter: reporter)
        } catch {
            Self.printError(error.description)
            switch error {
            case .config, .prompts: throw ExitStatus.badConfig
            case .unreachable, .output, .simulator: throw ExitStatus.couldNotRun
            }
        }
        (quiet ? ConsoleReporter(style: .plain) : reporter).finished(report)
        if report.failedRequests > 0 { throw ExitStatus.someRequestsFailed }
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }
}
