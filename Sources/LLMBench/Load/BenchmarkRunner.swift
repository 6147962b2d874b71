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
    /// Cancelling the task cancels the requests in flight, which are recorded as `cancelled`; a
    /// stop or cancellation before anything is timed throws `.interrupted`.
    public func run(reporter: ConsoleReporter, stop: StopRequest = StopRequest()) async throws(BenchmarkError)
        -> BenchmarkReport
    {
        reporter.redaction = SecretRedaction(config)
        do {
            return try await runChecked(reporter: reporter, stop: stop)
        } catch {
            throw stop.isRequested && !stop.isMeasuring ? .interrupted : error
        }
    }

    private func runChecked(reporter: ConsoleReporter, stop: StopRequest) async throws(BenchmarkError)
        -> BenchmarkReport
    {
        let plan: LoadPlan
        do {
            plan = try LoadPlan(config, origin: .file(.init(file: config.sourcePath)))
        } catch {
            throw .config(error)
        }
        try FileDescriptorLimit.check(
            connections: config.endpoint == .embedded ? 2 * plan.peakConnections : plan.peakConnections
        )
        let corpus: Corpus
        do {
            corpus = try Corpus.load(name: config.inputFile, configPath: config.sourcePath)
        } catch {
            throw .prompts(error)
        }
        for setting in plan.ineffectiveSettings { reporter.warning(setting + ".") }
        guard case .remote(let address) = config.endpoint else {
            return try await runOnEmbeddedSimulator(plan: plan, corpus: corpus, reporter: reporter, stop: stop)
        }
        if address.isTLS, config.tlsInsecure {
            reporter.warning("tls_insecure is on: the server's TLS certificate is not checked.")
        }
        return try await run(against: address, plan: plan, corpus: corpus, reporter: reporter, stop: stop)
    }

    private func runOnEmbeddedSimulator(plan: LoadPlan, corpus: Corpus, reporter: ConsoleReporter, stop: StopRequest)
        async throws(BenchmarkError) -> BenchmarkReport
    {
        let outcome: Result<BenchmarkReport, BenchmarkError>
        do {
            outcome = try await withSimulatedServer(options: config.simulator) { server in
                let address = ServerAddress(isTLS: false, host: "127.0.0.1", port: server.port, basePath: "/v1")
                reporter.info(
                    "No base_url given: benchmarking the embedded simulated server at \(address) (set base_url to test a real server)."
                )
                return await runResult(against: address, plan: plan, corpus: corpus, reporter: reporter, stop: stop)
            }
        } catch {
            throw .simulator("\(error)")
        }
        return try outcome.get()
    }

    private func runResult(
        against address: ServerAddress,
        plan: LoadPlan,
        corpus: Corpus,
        reporter: ConsoleReporter,
        stop: StopRequest
    ) async -> Result<BenchmarkReport, BenchmarkError> {
        do {
            return .success(try await run(against: address, plan: plan, corpus: corpus, reporter: reporter, stop: stop))
        } catch {
            return .failure(error)
        }
    }

    private func run(
        against address: ServerAddress,
        plan: LoadPlan,
        corpus: Corpus,
        reporter: ConsoleReporter,
        stop: StopRequest
    ) async throws(BenchmarkError) -> BenchmarkReport {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let result: Result<BenchmarkReport, BenchmarkError>
        do {
            let tls = try makeTLSContext(for: address)
            let executor = RequestExecutor(
                address: address,
                group: group,
                tls: tls,
                factory: RequestFactory(
                    address: address,
                    apiKey: config.apiKey,
                    extraHeaders: config.headers,
                    model: config.model,
                    api: config.api,
                    extraBody: config.extraBody,
                    continuousUsageStats: config.continuousUsageStats
                ),
                retry: config.retry,
                timeouts: config.timeouts,
                maxBodyBytes: config.maxEventBytes
            )
            result = .success(
                try await measure(with: executor, plan: plan, corpus: corpus, reporter: reporter, stop: stop)
            )
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

    private func measure(
        with executor: RequestExecutor,
        plan: LoadPlan,
        corpus: Corpus,
        reporter: ConsoleReporter,
        stop: StopRequest
    ) async throws(BenchmarkError) -> BenchmarkReport {
        let redaction = reporter.redaction
        let output: OpenResultFiles
        let table: ResultTableWriter
        do {
            output = try OpenResultFiles.create(
                directory: config.outputDirectory,
                prefix: config.outputPrefixName,
                format: config.saveFormat,
                date: Date()
            )
            table = try ResultTableWriter(
                file: output.results,
                format: config.saveFormat,
                isStreaming: config.streamWriting,
                redaction: redaction
            )
        } catch {
            throw .output(error)
        }
        let files = output.paths
        let seed = config.seed ?? UInt64.random(in: 0...UInt64(Int64.max))
        let lengthControl: OutputLengthControl
        let prompts: [[PreparedRequest]]
        do throws(BenchmarkError) {
            try await Preflight(executor: executor, model: config.model).check(reporter: reporter)
            reporter.info("Seed \(seed) (set seed: \(seed) in the config to repeat these prompts).")
            var random = SeededRandom(seed: seed)
            (lengthControl, prompts) = try await preparePrompts(
                executor: executor,
                plan: plan,
                corpus: corpus,
                random: &random,
                reporter: reporter
            )
            guard stop.beginMeasuring() else { throw BenchmarkError.interrupted }
        } catch {
            output.remove()
            throw error
        }
        let startedAt = Date()
        let pool = ConnectionPool([])
        let sink = RecordSink(file: output.requests, reporter: reporter, redaction: redaction)
        var summaries: [CaseSummary] = []
        var sweepResults: [SweepOutcome] = []
        var measuredPoints = 0
        for (caseIndex, configuredCase) in config.cases.enumerated() where !stop.isRequested {
            let caseRequests = prompts[caseIndex]
            let casePrompts = caseRequests.map(\.prompt)
            let benchmarkCase = Self.nominal(
                configuredCase,
                lengths: caseRequests.map { LengthPair(inputTokens: $0.prompt.target, outputTokens: $0.outputTokens) }
            )
            let templates = caseRequests.map { request in
                RequestTemplate(
                    body: executor.factory.streamingCompletionBody(
                        prompt: request.prompt.text,
                        maxTokens: request.outputTokens,
                        forcesLength: lengthControl.sendsLengthFields
                    ),
                    inputTokens: request.prompt.target,
                    outputTokens: request.outputTokens
                )
            }
            let driver = LoadDriver(
                runID: files.runID,
                executor: executor,
                templates: templates,
                caseIndex: caseIndex,
                isOutputLengthForced: lengthControl.sendsLengthFields,
                load: plan.settings,
                seed: seed &+ UInt64(caseIndex),
                stop: stop
            )
            let step = StepContext(
                caseIndex: caseIndex,
                benchmarkCase: benchmarkCase,
                prompts: casePrompts,
                lengthControl: lengthControl,
                driver: driver,
                pool: pool,
                sink: sink,
                table: table,
                executor: executor,
                reporter: reporter,
                plan: plan
            )
            if case .search(let maximum) = plan.steps {
                var search = SweepSearch(maxConcurrency: maximum)
                while let concurrency = search.next(), !stop.isRequested {
                    let point = plan.searchPoint(concurrency: concurrency)
                    let summary = try await measure(point, at: search.steps.count, step, isFirst: measuredPoints == 0)
                    measuredPoints += 1
                    summaries.append(summary)
                    guard summary.measuredRequests > 0 else { break }
                    search.record(
                        concurrency: concurrency,
                        throughput: summary.outputThroughput ?? 0,
                        meetsSLOs: config.slo.isEmpty ? summary.failedRequests == 0 : summary.load.meetsSLOs == true
                    )
                }
                let outcome = SweepOutcome(
                    caseIndex: caseIndex,
                    bestConcurrency: search.best,
                    steps: search.steps.map(\.concurrency),
                    isSaturated: search.isSaturated
                )
                reporter.sweepFinished(outcome)
                sweepResults.append(outcome)
            } else {
                for (index, point) in plan.points.enumerated() where !stop.isRequested {
                    summaries.append(try await measure(point, at: index, step, isFirst: measuredPoints == 0))
                    measuredPoints += 1
                }
            }
        }
        await pool.closeAll()
        output.requests.closeFile()
        let report = BenchmarkReport(
            cases: summaries,
            files: files,
            seed: seed,
            wasInterrupted: stop.isRequested,
            sweeps: sweepResults
        )
        do {
            try table.finish()
            try SummaryDocument(
                config: config,
                report: report,
                startedAt: startedAt,
                finishedAt: Date(),
                redaction: redaction
            ).write(to: output.summary)
        } catch {
            throw .output(error)
        }
        return report
    }

    /// What measuring one load point of a case needs.
    private struct StepContext {
        let caseIndex: Int
        let benchmarkCase: BenchmarkCase
        let prompts: [PreparedPrompt]
        let lengthControl: OutputLengthControl
        let driver: LoadDriver
        let pool: ConnectionPool
        let sink: RecordSink
        let table: ResultTableWriter
        let executor: RequestExecutor
        let reporter: ConsoleReporter
        let plan: LoadPlan
    }

    /// Measures one load point of a case (its `index`-th) and writes its row, with zero requests
    /// (and a warning) when nothing was measured.
    private func measure(_ point: LoadPoint, at index: Int, _ step: StepContext, isFirst: Bool)
        async throws(BenchmarkError) -> CaseSummary
    {
        let connections = step.plan.connections(for: point)
        await topUp(step.pool, to: connections, executor: step.executor, reporter: step.reporter)
        step.reporter.caseStarted(
            index: step.caseIndex,
            of: config.cases.count,
            benchmarkCase: step.benchmarkCase,
            point: point
        )
        let warmup = step.plan.settings.warmupRequests(connections: connections, isFirst: isFirst)
        if step.plan.settings.warmup == nil, warmup > 0 {
            step.reporter.info(
                "Warming the server up with \(warmup) request(s) first, not counted (set load.warmup per case; 0 turns it off)."
            )
        }
        let caseStartedAt = Date()
        await step.driver.run(
            point,
            step: index,
            warmup: warmup,
            pool: step.pool,
            sink: step.sink,
            reporter: step.reporter,
            caseStart: MonotonicClock.now()
        )
        if let failure = step.sink.writeFailure { throw .output(failure) }
        let records = step.sink.takeRecords()
        if records.isEmpty {
            step.reporter.warning(
                "case \(step.caseIndex + 1) at \(point) measured no request (its duration ended before a counted request was sent, or every request was warm-up); its row has 0 requests and the exit code is 1."
            )
        }
        let sent = records.map {
            LengthPair(inputTokens: $0.requestedInputTokens, outputTokens: $0.requestedOutputTokens)
        }
        let summary = CaseSummary(
            records: records,
            context: CaseSummary.Context(
                caseIndex: step.caseIndex,
                benchmarkCase: Self.nominal(step.benchmarkCase, lengths: sent),
                model: config.model,
                point: point,
                slo: config.slo,
                prompts: step.prompts,
                lengthControl: step.lengthControl,
                startedAt: caseStartedAt
            )
        )
        do { try step.table.append(ResultRow(summary)) } catch { throw .output(error) }
        step.reporter.caseFinished(summary)
        return summary
    }

    /// Phase 1: the prompts of every case, exact in the server's tokens; never timed.
    private func preparePrompts(
        executor: RequestExecutor,
        plan: LoadPlan,
        corpus: Corpus,
        random: inout SeededRandom,
        reporter: ConsoleReporter
    ) async throws(BenchmarkError) -> (OutputLengthControl, [[PreparedRequest]]) {
        reporter.info("Phase 1: preparing prompts (untimed).")
        let client = ControlClient(executor: executor)
        let (lengthControl, warning) = await OutputLengthControl.probe(
            client: client,
            model: config.model,
            api: config.api,
            isWanted: config.forceOutputLength
        )
        if let warning { reporter.warning(warning) }
        let tokenizer = await ServerTokenizer.detect(client: client, model: config.model, api: config.api)
        let origin: PromptPreparer.Source = config.promptSource == .corpus ? .corpus : .generate
        let library = PromptLibrary(
            preparer: PromptPreparer(
                client: client,
                tokenizer: tokenizer,
                corpus: corpus,
                model: config.model,
                source: origin,
                lengthControl: lengthControl
            ),
            cache: config.promptCacheDirectory.map { folder in
                PromptCache(
                    folder: folder,
                    model: config.model,
                    api: config.api,
                    server: config.endpoint == .embedded ? "embedded simulator" : "\(executor.address)",
                    tokenizer: tokenizer.source,
                    specialTokens: tokenizer.specialTokens
                )
            },
            regenerate: config.regeneratePrompts
        )
        reporter.info(
            "  Text: \(origin.rawValue), lengths measured by \(tokenizer.source.rawValue)\(tokenizer.specialTokens > 0 ? ", \(tokenizer.specialTokens) special token(s) per prompt" : "")."
        )
        if tokenizer.source == .unverified {
            reporter.warning(
                "the server reports no prompt length (no /tokenize, no usage.prompt_tokens): prompt lengths are unverified. Each prompt is kept as the server wrote it, its length the tokens the server streamed (words of text it did not write); results say prompt_tokens_source: unverified."
            )
        }
        var all: [[PreparedRequest]] = []
        let count = config.promptReuse == .shared ? 1 : Self.distinctPromptCount(plan)
        let builder = CaseRequestBuilder(library: library, configPath: config.sourcePath)
        for benchmarkCase in config.cases {
            let outcome: CaseRequestBuilder.Outcome
            do {
                outcome = try await builder.requests(for: benchmarkCase, count: count, random: &random)
            } catch {
                await client.close()
                throw .prompts(error)
            }
            let prompts = outcome.requests.map(\.prompt)
            let lengths = prompts.map(\.tokens)
            let off = prompts.filter { $0.tokens != $0.target }.count
            let what =
                benchmarkCase.workload.isFixed && benchmarkCase.sharedPrefix == nil
                ? "\(benchmarkCase.inputTokens) tokens" : "\(benchmarkCase.workload)"
            reporter.info(
                "  \(what): \(prompts.count) prompt(s), \(outcome.fromCache) from cache, lengths \(lengths.min() ?? 0)–\(lengths.max() ?? 0)\(off > 0 ? " (\(off) not exact: the closest the server's tokenizer allows)" : "")."
            )
            let isDataset = if case .dataset = benchmarkCase.workload { true } else { false }
            if config.promptReuse == .unique, !isDataset, outcome.distinctPrompts < prompts.count {
                reporter.warning(
                    "\(what): only \(outcome.distinctPrompts) of \(prompts.count) prompts are distinct (the server wrote the same text for different topics), so a prefix cache can serve one request from another's prompt although prompt_reuse is unique. Set prompt_source: corpus for distinct prompts."
                )
            }
            all.append(outcome.requests)
        }
        await client.close()
        return (lengthControl, all)
    }

    /// One prompt per request that can be in flight at once, at most 256 (they are then reused
    /// in turn), so a prefix cache cannot serve one request from another's prompt.
    static func distinctPromptCount(_ plan: LoadPlan) -> Int {
        max(1, min(plan.peakConnections, 256))
    }

    /// The case as results name it: for a variable workload, the mean lengths asked by `lengths`
    /// (the prepared requests before a run, the requests sent after it).
    static func nominal(_ benchmarkCase: BenchmarkCase, lengths: [LengthPair]) -> BenchmarkCase {
        guard !benchmarkCase.workload.isFixed || benchmarkCase.sharedPrefix != nil, !lengths.isEmpty else {
            return benchmarkCase
        }
        var nominal = benchmarkCase
        nominal.inputTokens = Int((Double(lengths.map(\.inputTokens).reduce(0, +)) / Double(lengths.count)).rounded())
        nominal.outputTokens = Int(
            (Double(lengths.map(\.outputTokens).reduce(0, +)) / Double(lengths.count)).rounded()
        )
        return nominal
    }

    /// Opens connections until the pool holds `count` before anything is timed; a request that
    /// finds none connects when it runs, timed apart from its latency.
    private func topUp(_ pool: ConnectionPool, to count: Int, executor: RequestExecutor, reporter: ConsoleReporter)
        async
    {
        let missing = count - pool.idleCount
        guard missing > 0 else { return }
        var opened: [HTTPConnection] = []
        var failures: [RequestFailure] = []
        await withTaskGroup(of: Result<HTTPConnection, RequestFailure>.self) { group in
            for _ in 0..<missing {
                group.addTask { await executor.connectResult() }
            }
            for await result in group {
                switch result {
                case .success(let connection): opened.append(connection)
                case .failure(let failure): failures.append(failure)
                }
            }
        }
        opened.forEach(pool.give)
        let times = opened.map { Double($0.connectDuration.nanosecondsRounded) / 1e6 }
        if let distribution = Distribution(times) {
            reporter.info(
                String(
                    format: "Opened %d connections before timing (connect p50 %.2f ms, max %.2f ms).",
                    distribution.count,
                    distribution.p50,
                    distribution.max
                )
            )
        }
        if let first = failures.first {
            reporter.warning(
                "\(failures.count) of \(missing) connections could not be opened before timing (\(first)); those requests will connect when they run."
            )
        }
    }
}
