import ArgumentParser
import Foundation
import LLMBench
import Logging

/// `llm-bench run CONFIG.yaml`: runs the benchmark a config file describes.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the benchmark described by a YAML config file.",
        discussion: """
            See README.md for every config key. `--duration` without `--requests` runs each case for that long \
            (waves become concurrency mode with num_concurrent_requests in flight).

            \(ExitStatus.summary)
            """
    )

    @Argument(help: "The YAML config file, e.g. configs/demo.yaml.")
    var configPath: String

    @Option(name: .customLong("output-dir"), help: "Write results here instead of the config's output_dir.")
    var outputDirectory: String?

    @Option(
        parsing: .unconditional,
        help: "Seed for the prompts' random choices, 0 or more (overrides the config's seed)."
    )
    var seed: Int?

    @Option(help: "Load mode: waves, concurrency, rate or sweep (overrides load.mode).")
    var mode: String?

    @Option(
        parsing: .unconditional,
        help: "Requests in flight (overrides num_concurrent_requests and load.concurrency)."
    )
    var concurrency: Int?

    @Option(
        parsing: .unconditional,
        help: "Arrival rate in requests per second; selects rate mode unless --mode says otherwise."
    )
    var rate: Double?

    @Option(parsing: .unconditional, help: "Requests per case or step, warm-up excluded (overrides load.requests).")
    var requests: Int?

    @Option(
        parsing: .unconditional,
        help: "Run each case or step this long, e.g. 60s or 5m (overrides load.duration; without --requests, no count)."
    )
    var duration: String?

    @Option(help: "completions or chat (overrides api).")
    var api: String?

    @Option(
        name: .customLong("grace-seconds"),
        parsing: .unconditional,
        help: "On Ctrl-C, how long requests in flight may finish before they are cancelled (0 to 86400)."
    )
    var graceSeconds: Double = 5

    @Flag(help: "Prepare prompts anew even when the prompt cache has them.")
    var regenerate = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors and the final table.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Log diagnostics (debug level) to stderr.")
    var verbose = false

    /// The load overrides given on the command line.
    private var loadOverrides: LoadOverrides {
        LoadOverrides(
            mode: mode,
            concurrency: concurrency,
            rate: rate,
            requests: requests,
            duration: duration,
            api: api
        )
    }

    func validate() throws {
        guard graceSeconds.isFinite, (0...86_400).contains(graceSeconds) else {
            let rule = graceSeconds > 86_400 ? "at most 86400 (a day)" : "a number of seconds, 0 or more"
            throw ValidationError("'--grace-seconds' is \(graceSeconds), but it must be \(rule).")
        }
        if let seed, seed < 0 {
            throw ValidationError(
                "'--seed' is \(seed), but it must be a whole number of 0 or more (as the config's seed)."
            )
        }
        do {
            try loadOverrides.validate()
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        // Past a file-size limit (ulimit -f), a write fails with EFBIG and is reported like a full
        // disk, whichever thread makes it, instead of SIGXFSZ ending the process unannounced.
        signal(SIGXFSZ, SIG_IGN)
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
        if let seed { config.seed = UInt64(seed) }
        if regenerate { config.regeneratePrompts = true }
        do {
            try loadOverrides.apply(to: &config)
        } catch {
            Self.printError(error.description)
            throw ExitStatus.badConfig
        }
        let runner = BenchmarkRunner(config: config, logger: Logger(label: "llm-bench"))
        let redaction = SecretRedaction(config)
        let stop = StopRequest()
        let quiet = quiet
        let benchmark = Task {
            let reporter = ConsoleReporter(style: quiet ? .silent : nil, redaction: redaction)
            let result = await Self.run(runner, reporter: reporter, stop: stop)
            if case .success(let report) = result {
                (quiet ? ConsoleReporter(style: .plain, redaction: redaction) : reporter).finished(report)
            }
            return result
        }
        let grace = graceSeconds
        let interrupts = InterruptHandler { count in
            if count == 1 {
                guard stop.request() else {
                    Self.printNote("interrupted before any request was measured: stopping now.")
                    benchmark.cancel()
                    return
                }
                Self.printNote(
                    "interrupted: no new requests; those in flight get \(grace) s to finish (Ctrl-C again quits at once)."
                )
                DispatchQueue.global().asyncAfter(deadline: .now() + grace) { benchmark.cancel() }
            } else {
                Self.printNote("interrupted again: quitting now; the files hold every request finished so far.")
                Foundation.exit(ExitStatus.interrupted.rawValue)
            }
        }
        let result = await benchmark.value as Result<BenchmarkReport, BenchmarkError>
        interrupts.remove()
        switch result {
        case .success(let report):
            if report.wasInterrupted { throw ExitStatus.interrupted }
            if report.failedRequests > 0 || report.unmeasuredCases > 0 { throw ExitStatus.someRequestsFailed }
        case .failure(.interrupted):
            throw ExitStatus.interrupted
        case .failure(let error):
            Self.printError(error.description, redaction: redaction)
            throw Self.exitStatus(for: error)
        }
    }

    static func run(_ runner: BenchmarkRunner, reporter: ConsoleReporter, stop: StopRequest) async -> Result<
        BenchmarkReport, BenchmarkError
    > {
        do {
            return .success(try await runner.run(reporter: reporter, stop: stop))
        } catch {
            return .failure(error)
        }
    }

    static func exitStatus(for error: BenchmarkError) -> ExitCode {
        switch error {
        case .config: ExitStatus.badConfig
        case .prompts(let problem):
            switch problem {
            case .corpusMissing, .corpusUnreadable, .corpusEmpty, .dataset: ExitStatus.badConfig
            case .server, .cache: ExitStatus.couldNotRun
            }
        case .unreachable, .output, .simulator, .limits: ExitStatus.couldNotRun
        case .interrupted: ExitStatus.interrupted
        }
    }

    static func printNote(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    /// Writes `error: message` to stderr, with the API key and header values redacted.
    static func printError(_ message: String, redaction: SecretRedaction = .none) {
        FileHandle.standardError.write(Data("error: \(redaction.apply(message))\n".utf8))
    }
}
