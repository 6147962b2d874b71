import ArgumentParser
import Foundation
import LLMBench
import LLMBenchSimulator
import LLMBenchSupport
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

    @Option(help: "completions, chat or responses (overrides api).")
    var api: String?

    @Option(
        name: .customLong("client-threads"),
        parsing: .unconditional,
        help: "Event loops carrying the timed connections, 1 to 1024 (overrides client_threads)."
    )
    var clientThreads: Int?

    @Option(
        name: .customLong("grace-seconds"),
        parsing: .unconditional,
        help: "On Ctrl-C, how long requests in flight may finish before they are cancelled (0 to 86400)."
    )
    var graceSeconds: Double = 5

    @Option(
        name: .customLong("metrics-port"),
        help: ArgumentHelp(
            "Serve live Prometheus metrics at /metrics on this port of 127.0.0.1, or on HOST:PORT, until the run ends; 0 picks a free port (overrides metrics_port).",
            valueName: "port"
        )
    )
    var metricsPort: String?

    @Option(
        help: ArgumentHelp(
            "Send shard I of N of the load (0 <= I < N): the N shards together send exactly the configured load.",
            discussion:
                "Inside a Kubernetes Indexed Job, JOB_COMPLETION_INDEX and JOB_COMPLETION_COUNT say it instead.",
            valueName: "I/N"
        )
    )
    var shard: String?

    @Option(
        name: .customLong("start-at"),
        help: ArgumentHelp(
            "Begin the first case at this instant, RFC 3339 with its zone (e.g. 2026-12-02T18:30:00Z): every shard given the same begins together.",
            valueName: "TIME"
        )
    )
    var startAt: String?

    @Option(
        help: ArgumentHelp(
            "A folder every shard can write (a shared volume, new for each run): each shard waits there at every case until all have arrived, and all begin it at one instant.",
            valueName: "DIR"
        )
    )
    var sync: String?

    @Option(
        name: .customLong("sync-timeout"),
        parsing: .unconditional,
        help: "How long a shard waits at a case for the others before it starts without them, seconds (default 600)."
    )
    var syncTimeout: Double?

    @Option(
        name: .customLong("live-dir"),
        help: ArgumentHelp(
            "A folder to write what this run (or shard) measured of its current case into every second, for `llm-bench live DIR` to show merged with the other shards'.",
            valueName: "DIR"
        )
    )
    var liveDirectory: String?

    @Flag(help: "Prepare prompts anew even when the prompt cache has them.")
    var regenerate = false

    @Flag(name: .customLong("no-report"), help: "Write no HTML report beside the results (overrides report).")
    var noReport = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors and the final table.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Log diagnostics (debug level) to stderr.")
    var verbose = false

    @Option(
        help:
            "Progress on stderr: console (lines for people) or jsonl (one JSON object per engine event, for scripts)."
    )
    var progress: ProgressFormat = .console

    /// The load overrides given on the command line.
    private var loadOverrides: LoadOverrides {
        LoadOverrides(
            mode: mode,
            concurrency: concurrency,
            rate: rate,
            requests: requests,
            duration: duration,
            api: api,
            clientThreads: clientThreads
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
        if let shard, ShardSelection(parsing: shard) == nil {
            throw ValidationError(ShardError.invalid(text: shard, origin: "'--shard'").description)
        }
        if let startAt, CommonStart.unixNanoseconds(rfc3339: startAt) == nil {
            throw ValidationError(
                "'--start-at' is '\(startAt)', but it must be an RFC 3339 instant with its zone, e.g. 2026-12-02T18:30:00Z."
            )
        }
        if let syncTimeout, !CommonStart.isValidTimeout(syncTimeout) {
            throw ValidationError("'--sync-timeout' is \(syncTimeout), but it must be \(CommonStart.timeoutRule).")
        }
        if syncTimeout != nil, sync == nil {
            throw ValidationError("'--sync-timeout' needs '--sync DIR', the folder the shards wait in.")
        }
        if let metricsPort, LiveMetricsAddress(parsing: metricsPort) == nil {
            throw ValidationError("'--metrics-port' is '\(metricsPort)', but it must be \(LiveMetricsAddress.rule).")
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
        let config = try loadConfig()
        let redaction = SecretRedaction(config)
        let stop = StopRequest()
        let quiet = quiet
        let progress = progress
        let benchmark = Task {
            let logger = Logger(label: "llm-bench")
            let reporter = ConsoleReporter(
                style: quiet ? .silent : nil,
                progress: progress,
                redaction: redaction,
                logger: logger
            )
            // A `Result` keeps the error's type, which the task's `value` would erase.
            let result = await Result { () async throws(BenchmarkError) in
                try await Self.run(config, reporter: reporter, stop: stop)
            }
            if case .success(let report) = result {
                (quiet ? ConsoleReporter(style: .plain, redaction: redaction, logger: logger) : reporter)
                    .finished(report)
            }
            return result
        }
        let interrupts = Self.handleInterrupts(stop: stop, benchmark: benchmark, grace: graceSeconds)
        let result = await benchmark.value as Result<BenchmarkReport, BenchmarkError>
        interrupts.remove()
        switch result {
        case .success(let report):
            let status = BenchmarkExitStatus(report)
            if status != .interrupted, !config.failOn.isEmpty {
                let outcome = RegressionGate(expressions: config.failOn).evaluate(report)
                FileHandle.standardOutput.write(Data((outcome.lines.joined(separator: "\n") + "\n").utf8))
                if outcome.isFailed { throw ExitStatus.gateFailed }
            }
            if status != .success { throw ExitCode(status.rawValue) }
        case .failure(.interrupted):
            throw ExitStatus.interrupted
        case .failure(let error):
            Self.printError(error.description, redaction: redaction)
            throw ExitCode(BenchmarkExitStatus(error).rawValue)
        }
    }

    /// The config file with the command line's overrides; exits 2 when it is wrong.
    private func loadConfig() throws -> BenchmarkConfig {
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
        if noReport { config.writesReport = false }
        if let metricsPort { config.liveMetrics = LiveMetricsAddress(parsing: metricsPort) }
        config.liveSnapshotDirectory = liveDirectory
        do {
            try loadOverrides.apply(to: &config)
        } catch {
            Self.printError(error.description)
            throw ExitStatus.badConfig
        }
        do {
            config.shard =
                try shard.flatMap(ShardSelection.init(parsing:))
                ?? ShardSelection.fromEnvironment(ProcessInfo.processInfo.environment)
            try config.checkShard()
            if startAt != nil || sync != nil {
                config.commonStart = CommonStart(
                    notBeforeUnixNanoseconds: startAt.flatMap(CommonStart.unixNanoseconds(rfc3339:)),
                    syncDirectory: sync,
                    timeoutSeconds: syncTimeout ?? CommonStart.defaultTimeoutSeconds
                )
            }
        } catch let error as ShardError {
            Self.printError(error.description)
            throw ExitStatus.badConfig
        } catch let error as ConfigError {
            Self.printError(error.description)
            throw ExitStatus.badConfig
        }
        return config
    }

    /// The first Ctrl-C stops new requests (or, before any is measured, the benchmark), the
    /// second quits at once.
    private static func handleInterrupts(
        stop: StopRequest,
        benchmark: Task<Result<BenchmarkReport, BenchmarkError>, Never>,
        grace: Double
    ) -> InterruptHandler {
        InterruptHandler { count in
            if count == 1 {
                guard stop.request() else {
                    printNote("interrupted before any request was measured: stopping now.")
                    benchmark.cancel()
                    return
                }
                printNote(
                    "interrupted: no new requests; those in flight get \(grace) s to finish (Ctrl-C again quits at once)."
                )
                DispatchQueue.global().asyncAfter(deadline: .now() + grace) { benchmark.cancel() }
            } else {
                printNote("interrupted again: quitting now; the files hold every request finished so far.")
                Foundation.exit(ExitStatus.interrupted.rawValue)
            }
        }
    }

    /// Runs `config`'s benchmark: against its `base_url`, or without one, against the embedded
    /// simulated server, started here and shut down when the benchmark ends.
    static func run(_ config: BenchmarkConfig, reporter: ConsoleReporter, stop: StopRequest)
        async throws(BenchmarkError) -> BenchmarkReport
    {
        let runner = BenchmarkRunner(config: config)
        guard config.endpoint == .embedded else {
            return try await runner.run(stop: stop, observer: reporter.observe)
        }
        do {
            let options = SimulatorOptions(config.simulator)
            return try await withSimulatedServer(options: options, logger: Logger(label: "llm-bench.simulator")) {
                server in
                let address = ServerAddress(isTLS: false, host: "127.0.0.1", port: server.port, basePath: "/v1")
                reporter.info(
                    "No base_url given: benchmarking the embedded simulated server at \(address) (set base_url to test a real server)."
                )
                return try await runner.run(against: address, stop: stop, observer: reporter.observe)
            }
        } catch let error as BenchmarkError {
            throw error
        } catch {
            throw .simulator("\(error)")
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
