import Foundation
import LLMBenchSimulator
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// Runs a whole benchmark: prompts, then every case's runs of concurrent streamed requests over
/// real connections, then the result files and the console summary.
public struct BenchmarkRunner {
    /// The benchmark to run.
    public let config: BenchmarkConfig
    /// Where the engine logs diagnostics.
    public let logger: Logger

    /// Creates a runner.
    public init(config: BenchmarkConfig, logger: Logger = Logger(label: "llm-bench")) {
        self.config = config
        self.logger = logger
    }

    /// Runs the benchmark and writes its files; `reporter` shows progress and the summary.
    ///
    /// When `stop` is requested no new run starts; the report then covers what was measured.
    /// Cancelling the task cancels the requests in flight, which are recorded as `cancelled`.
    public func run(reporter: ConsoleReporter, stop: StopRequest = StopRequest()) async throws(BenchmarkError) -> BenchmarkReport {
        try FileDescriptorLimit.check(connections: config.endpoint == .embedded ? 2 * config.concurrency : config.concurrency)
        let corpus: Corpus
        do {
            corpus = try Corpus.load(name: config.inputFile, configPath: config.sourcePath)
        } catch {
            throw .prompts(error)
        }
        guard case .remote(let address) = config.endpoint else {
            return try await runOnEmbeddedSimulator(corpus: corpus, reporter: reporter, stop: stop)
        }
        if address.isTLS, config.tlsInsecure {
            reporter.warning("tls_insecure is on: the server's TLS certificate is not checked.")
        }
        return try await run(against: address, corpus: corpus, reporter: reporter, stop: stop)
    }

    private func runOnEmbeddedSimulator(corpus: Corpus, reporter: ConsoleReporter, stop: StopRequest) async throws(BenchmarkError) -> BenchmarkReport {
        let outcome: Result<BenchmarkReport, BenchmarkError>
        do {
            outcome = try await withSimulatedServer(options: config.simulator) { server in
                let address = ServerAddress(isTLS: false, host: "127.0.0.1", port: server.port, basePath: "/v1")
                reporter.info("No base_url given: benchmarking the embedded simulated server at \(address) (set base_url to test a real server).")
                return await runResult(against: address, corpus: corpus, reporter: reporter, stop: stop)
            }
        } catch {
            throw .simulator("\(error)")
        }
        return try outcome.get()
    }

    private func runResult(
        against address: ServerAddress, corpus: Corpus, reporter: ConsoleReporter, stop: StopRequest
    ) async -> Result<BenchmarkReport, BenchmarkError> {
        do {
            return .success(try await run(against: address, corpus: corpus, reporter: reporter, stop: stop))
        } catch {
            return .failure(error)
        }
    }

    private func run(against address: ServerAddress, corpus: Corpus, reporter: ConsoleReporter, stop: StopRequest) async throws(BenchmarkError) -> BenchmarkReport {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let result: Result<BenchmarkReport, BenchmarkError>
        do {
            let tls = try makeTLSContext(for: address)
            let executor = RequestExecutor(
                address: address, group: group, tls: tls,
                factory: RequestFactory(address: address, apiKey: config.apiKey, extraHeaders: config.headers, model: config.model),
                retry: config.retry, timeouts: config.timeouts, maxBodyBytes: config.maxEventBytes)
            result = .success(try await measure(with: executor, corpus: corpus, reporter: reporter, stop: stop))
        } catch {
            result = .failure(error)
        }
        try? await group.shutdownGracefully()
        return try result.get()
    }

    private func makeTLSContext(for address: ServerAddress) throws(BenchmarkError) -> NIOSSLContext? {
        guard address.isTLS else { return nil }
        var configuration = TLSConfiguration.makeClientConfiguration()
        if config.tlsInsecure { configuration.certificateVerification = .none }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw .unreachable("TLS cannot be set up for \(address): \(error)")
        }
    }

    private func measure(with executor: RequestExecutor, corpus: Corpus, reporter: ConsoleReporter, stop: StopRequest) async throws(BenchmarkError) -> BenchmarkReport {
        try await Preflight(executor: executor, model: config.model).check(reporter: reporter)
        let seed = config.seed ?? UInt64.random(in: 0...UInt64(Int64.max))
        reporter.info("Seed \(seed) (set seed: \(seed) in the config to repeat these prompts).")
        var random = SeededRandom(seed: seed)
        let (lengthControl, prompts) = try await preparePrompts(executor: executor, corpus: corpus, random: &random, reporter: reporter)
        let startedAt = Date()
        let files: ResultFiles
        let table: ResultTableWriter
        let raw: AppendingFile
        do {
            files = try ResultFiles.create(
                directory: config.outputDirectory, prefix: config.outputPrefixName, format: config.saveFormat, date: startedAt)
            table = try ResultTableWriter(path: files.results, format: config.saveFormat, isStreaming: config.streamWriting)
            raw = try AppendingFile(path: files.requests)
        } catch {
            throw .output(error)
        }
        var connections = await openConnections(count: config.concurrency, executor: executor, reporter: reporter)
        var summaries: [CaseSummary] = []
        var writeFailure: OutputError?
        for (caseIndex, benchmarkCase) in config.cases.enumerated() where !stop.isRequested {
            let casePrompts = prompts[caseIndex]
            let bodies = casePrompts.map {
                executor.factory.streamingCompletionBody(
                    prompt: $0.text, maxTokens: benchmarkCase.outputTokens,
                    lengthFields: lengthControl.fields(tokens: benchmarkCase.outputTokens))
            }
            reporter.caseStarted(index: caseIndex, of: config.cases.count, benchmarkCase: benchmarkCase, requests: config.runs * config.concurrency)
            let caseStartedAt = Date()
            let caseStart = MonotonicClock.now()
            var records: [RequestRecord] = []
            records.reserveCapacity(config.runs * config.concurrency)
            for run in 1...config.runs where !stop.isRequested {
                await withTaskGroup(of: (Int, RequestRecord, HTTPConnection?).self) { group in
                    for slot in 0..<config.concurrency {
                        let job = RequestJob(
                            caseIndex: caseIndex, run: run, index: slot, inputTokens: benchmarkCase.inputTokens,
                            outputTokens: benchmarkCase.outputTokens, body: bodies[slot % bodies.count],
                            isOutputLengthForced: lengthControl.sendsLengthFields)
                        let connection = connections[slot]
                        group.addTask {
                            let (record, connection) = await executor.run(job, connection: connection, caseStart: caseStart)
                            return (slot, record, connection)
                        }
                    }
                    for await (slot, record, connection) in group {
                        connections[slot] = connection
                        records.append(record)
                        if writeFailure == nil {
                            writeFailure = raw.appendLineReportingFailure(record.jsonLine())
                        }
                        reporter.requestFinished(record)
                    }
                }
                reporter.runFinished(run: run, of: config.runs)
                if let writeFailure { throw .output(writeFailure) }
            }
            guard !records.isEmpty else { break }
            var summary = CaseSummary(
                records: records, benchmarkCase: benchmarkCase, caseIndex: caseIndex, model: config.model, runs: config.runs,
                concurrency: config.concurrency, startedAt: caseStartedAt)
            summary.preparedPromptTokens = Distribution(casePrompts.map { Double($0.tokens) })
            summary.promptSource = Self.describeSource(casePrompts)
            summary.isOutputLengthForced = lengthControl.sendsLengthFields
            summaries.append(summary)
            do { try table.append(ResultRow(summary)) } catch { throw .output(error) }
            reporter.caseFinished(summary)
        }
        for connection in connections { await connection?.close() }
        raw.closeFile()
        let report = BenchmarkReport(cases: summaries, files: files, seed: seed, wasInterrupted: stop.isRequested)
        do {
            try table.finish()
            try SummaryDocument(config: config, report: report, startedAt: startedAt, finishedAt: Date()).write(to: files.summary)
        } catch {
            throw .output(error)
        }
        return report
    }

    /// Phase 1: the prompts of every case, exact in the server's tokens; never timed.
    private func preparePrompts(
        executor: RequestExecutor, corpus: Corpus, random: inout SeededRandom, reporter: ConsoleReporter
    ) async throws(BenchmarkError) -> (OutputLengthControl, [[PreparedPrompt]]) {
        let client = ControlClient(executor: executor)
        let (lengthControl, warning) = await OutputLengthControl.probe(client: client, model: config.model, isWanted: config.forceOutputLength)
        if let warning { reporter.warning(warning) }
        let tokenizer = await ServerTokenizer.detect(client: client, model: config.model)
        let origin: PromptPreparer.Source = config.promptSource == .corpus ? .corpus : .generate
        let library = PromptLibrary(
            preparer: PromptPreparer(
                client: client, tokenizer: tokenizer, corpus: corpus, model: config.model, source: origin,
                lengthControl: lengthControl),
            cache: config.promptCacheDirectory.map { PromptCache(folder: $0, model: config.model) },
            regenerate: config.regeneratePrompts)
        reporter.info("Phase 1: preparing prompts (text: \(origin.rawValue), lengths measured by \(tokenizer.source.rawValue)\(tokenizer.specialTokens > 0 ? ", \(tokenizer.specialTokens) special token(s) per prompt" : "")).")
        var all: [[PreparedPrompt]] = []
        let count = config.promptReuse == .shared ? 1 : config.concurrency
        for benchmarkCase in config.cases {
            let outcome: PromptLibrary.Outcome
            do {
                outcome = try await library.prompts(tokens: benchmarkCase.inputTokens, count: count, random: &random)
            } catch {
                await client.close()
                throw .prompts(error)
            }
            let lengths = outcome.prompts.map(\.tokens)
            let off = lengths.filter { $0 != benchmarkCase.inputTokens }.count
            reporter.info("  \(benchmarkCase.inputTokens) tokens: \(outcome.prompts.count) prompt(s), \(outcome.fromCache) from cache, lengths \(lengths.min() ?? 0)–\(lengths.max() ?? 0)\(off > 0 ? " (\(off) not exact: the closest the server's tokenizer allows)" : "").")
            all.append(outcome.prompts)
        }
        await client.close()
        return (lengthControl, all)
    }

    static func describeSource(_ prompts: [PreparedPrompt]) -> String {
        let origins = Set(prompts.map(\.origin)).sorted().joined(separator: "+")
        let measures = Set(prompts.map(\.measuredBy)).sorted().joined(separator: "+")
        return "\(origins)/\(measures)"
    }

    /// Opens one connection per concurrent slot before anything is timed; a slot whose connection
    /// fails here connects again, timed apart, when its first request runs.
    private func openConnections(count: Int, executor: RequestExecutor, reporter: ConsoleReporter) async -> [HTTPConnection?] {
        var connections = [HTTPConnection?](repeating: nil, count: count)
        var failures: [RequestFailure] = []
        await withTaskGroup(of: (Int, Result<HTTPConnection, RequestFailure>).self) { group in
            for slot in 0..<count {
                group.addTask { (slot, await executor.connectResult()) }
            }
            for await (slot, result) in group {
                switch result {
                case .success(let connection): connections[slot] = connection
                case .failure(let failure): failures.append(failure)
                }
            }
        }
        let times = connections.compactMap { $0?.connectDuration }.map { Double($0.nanosecondsRounded) / 1e6 }
        if let distribution = Distribution(times) {
            reporter.info(String(format: "Opened %d connections before timing (connect p50 %.2f ms, max %.2f ms).", distribution.count, distribution.p50, distribution.max))
        }
        if let first = failures.first {
            reporter.warning("\(failures.count) of \(count) connections could not be opened before timing (\(first)); those requests will connect when they run.")
        }
        return connections
    }
}
