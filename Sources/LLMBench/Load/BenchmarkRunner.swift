import Foundation

/// What the engine tells as it runs; called in order, from the task that runs the benchmark.
public typealias BenchmarkObserver = @Sendable (BenchmarkEvent) -> Void

/// Runs a whole benchmark against a server: the preflight, the prompts of phase 1, then every
/// case's load points over real connections, and the result files. It reports what it does as
/// `BenchmarkEvent`s and prints nothing.
public struct BenchmarkRunner: Sendable {
    /// The benchmark to run.
    public let config: BenchmarkConfig

    /// Creates a runner.
    public init(config: BenchmarkConfig) {
        self.config = config
    }

    /// Runs the benchmark against the config's `base_url` and writes its files; `observer` gets
    /// every event.
    ///
    /// The embedded simulator is the caller's to start (the command line does): with no
    /// `base_url`, call ``run(against:stop:observer:)`` with its address.
    public func run(stop: StopRequest = StopRequest(), observer: @escaping BenchmarkObserver = { _ in })
        async throws(BenchmarkError) -> BenchmarkReport
    {
        guard case .remote(let address) = config.endpoint else {
            throw .simulator(
                "no base_url is set: start it with withSimulatedServer and pass its address to run(against:), as the command line does"
            )
        }
        return try await run(against: address, stop: stop, observer: observer)
    }

    /// Runs the benchmark against the server at `address` and writes its files.
    ///
    /// When `stop` is requested no new run starts; the report then covers what was measured.
    /// Cancelling the task cancels the requests in flight, which are recorded as `cancelled`; a
    /// stop or cancellation before anything is timed throws `.interrupted`.
    public func run(
        against address: ServerAddress,
        stop: StopRequest = StopRequest(),
        observer: @escaping BenchmarkObserver = { _ in }
    ) async throws(BenchmarkError) -> BenchmarkReport {
        do {
            return try await measure(against: address, stop: stop, emit: observer)
        } catch {
            throw stop.isRequested && !stop.isMeasuring ? .interrupted : error
        }
    }

    private func measure(against address: ServerAddress, stop: StopRequest, emit: @escaping BenchmarkObserver)
        async throws(BenchmarkError) -> BenchmarkReport
    {
        let loadPlan: LoadPlan
        do {
            loadPlan = try LoadPlan(config, origin: .file(.init(file: config.sourcePath)))
        } catch {
            throw .config(error)
        }
        try FileDescriptorLimit.check(
            connections: config.endpoint == .embedded ? 2 * loadPlan.peakConnections : loadPlan.peakConnections
        )
        let corpus: Corpus
        do {
            corpus = try Corpus.load(name: config.inputFile, configPath: config.sourcePath)
        } catch {
            throw .prompts(error)
        }
        for setting in loadPlan.ineffectiveSettings { emit(.warning(.ineffectiveSetting(setting))) }
        if address.isTLS, config.tlsInsecure { emit(.warning(.certificateNotChecked)) }
        return try await LiveMetricsEndpoint.serving(at: config.liveMetrics, emit: emit) {
            live throws(BenchmarkError) in
            try await withBenchmarkTarget(address, config: config) { target throws(BenchmarkError) in
                try await withScrapeClient(config, server: address) { scrapeClient throws(BenchmarkError) in
                    try await run(
                        on: target,
                        scrapeClient: scrapeClient,
                        loadPlan: loadPlan,
                        corpus: corpus,
                        live: live,
                        stop: stop,
                        emit: emit
                    )
                }
            }
        }
    }

    /// The preflight (the server's metrics URLs too) and phase 1, then phase 2, their events also
    /// updating the `live` metrics; the result files are removed when it ends before anything is measured.
    private func run(
        on target: BenchmarkTarget,
        scrapeClient: ScrapeClient?,
        loadPlan: LoadPlan,
        corpus: Corpus,
        live: LiveMetricsEndpoint?,
        stop: StopRequest,
        emit: @escaping BenchmarkObserver
    ) async throws(BenchmarkError) -> BenchmarkReport {
        let observed = live?.observer(then: emit) ?? emit
        let publisher = config.liveSnapshotDirectory.map { directory in
            LiveSnapshotPublisher(
                directory: directory,
                shard: config.shard ?? .whole,
                emit: observed
            )
        }
        let emit = publisher?.observer(then: observed) ?? observed
        let results = try ResultSet.create(config: config, redaction: SecretRedaction(config), emit: emit)
        live?.begin(runID: results.files.runID)
        publisher?.begin(runID: results.files.runID)
        let seed = config.seed ?? UInt64.random(in: 0...UInt64(Int64.max))
        let plans: [CasePlan]
        var metricsTargets: [ScrapeTarget] = []
        do throws(BenchmarkError) {
            try await Preflight(client: target.control, model: config.model).check(emit: emit)
            if let scrapeClient {
                metricsTargets = await ServerMetricsScraper.check(
                    config.serverMetrics,
                    server: target.address,
                    client: scrapeClient,
                    emit: emit
                )
            }
            emit(.seedChosen(seed))
            plans = try await PromptPhase.prepare(
                config: config,
                loadPlan: loadPlan,
                target: target,
                corpus: corpus,
                seed: seed,
                emit: emit
            )
            guard stop.beginMeasuring() else { throw BenchmarkError.interrupted }
        } catch {
            results.remove()
            throw error
        }
        emit(.phaseStarted(.measuring))
        var scraper: ServerMetricsScraper?
        if let scrapeClient, !metricsTargets.isEmpty, let file = results.createServerMetricsFile(emit: emit) {
            scraper = ServerMetricsScraper(
                targets: metricsTargets,
                intervalMilliseconds: config.serverMetrics.intervalMilliseconds,
                client: scrapeClient,
                file: file
            )
        }
        let cases = CaseRunner(
            config: config,
            loadPlan: loadPlan,
            target: target,
            results: results,
            seed: seed,
            stop: stop,
            emit: emit,
            scraper: scraper
        )
        guard let publisher else { return try await measure(plans, with: cases, results: results, stop: stop) }
        return try await publisher.publishing { () throws(BenchmarkError) in
            try await measure(plans, with: cases, results: results, stop: stop)
        }
    }

    /// Phase 2: every case at each point of its schedule, then the files completed.
    private func measure(_ plans: [CasePlan], with cases: CaseRunner, results: ResultSet, stop: StopRequest)
        async throws(BenchmarkError) -> BenchmarkReport
    {
        let startedAt = Date()
        var summaries: [CaseSummary] = []
        var sweeps: [SweepOutcome] = []
        for plan in plans where !stop.isRequested {
            var schedule = LoadSchedule(plan: cases.loadPlan, slo: config.slo, replay: plan.replay)
            while !stop.isRequested, let point = schedule.next() {
                let step = schedule.steps - 1
                let summary = try await cases.measure(plan, at: point, step: step, isFirst: summaries.isEmpty)
                summaries.append(summary)
                schedule.record(summary, at: point)
            }
            if let outcome = schedule.outcome(caseIndex: plan.caseIndex) {
                cases.emit(.sweepFinished(outcome))
                sweeps.append(outcome)
            }
        }
        await cases.target.pool.closeAll()
        var report = BenchmarkReport(
            cases: summaries,
            files: results.files,
            seed: cases.seed,
            wasInterrupted: stop.isRequested,
            sweeps: sweeps
        )
        if let scraper = cases.scraper {
            scraper.file.close()
            report.files.serverMetrics = scraper.file.path
            report.serverMetrics = (scraper.targets.map(\.url), scraper.intervalMilliseconds)
        }
        report.files = try results.finish(report, config: config, startedAt: startedAt, emit: cases.emit)
        return report
    }
}
