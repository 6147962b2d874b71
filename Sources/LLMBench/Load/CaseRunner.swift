import Foundation

/// Measures one case at one load point: opens the connections the point needs, sends its load,
/// and turns the records into the case's summary and its row.
struct CaseRunner {
    let config: BenchmarkConfig
    let loadPlan: LoadPlan
    let target: BenchmarkTarget
    let results: ResultSet
    /// The seed of the prompts; each case's arrivals draw from it plus the case index.
    let seed: UInt64
    let stop: StopRequest
    let emit: BenchmarkObserver
    /// Reads the server's own metrics around and during each case, when they are read.
    var scraper: ServerMetricsScraper?
    /// The shards the run's earlier cases began without (when it begins in common with others).
    let shardAbsence = ShardAbsence()

    /// Measures `plan` at `point`, the case's `step`-th load point (`isFirst` of the whole run),
    /// and writes its row, with zero requests (and a warning) when nothing was measured.
    func measure(_ plan: CasePlan, at point: LoadPoint, step: Int, isFirst: Bool) async throws(BenchmarkError)
        -> CaseSummary
    {
        let connections = loadPlan.connections(for: point)
        await target.fillPool(to: connections, emit: emit)
        emit(
            .caseStarted(
                CaseStart(
                    caseIndex: plan.caseIndex,
                    step: step,
                    caseCount: config.cases.count,
                    benchmarkCase: plan.benchmarkCase,
                    point: point
                )
            )
        )
        let warmup = loadPlan.settings.warmupRequests(connections: connections, isFirst: isFirst)
        if warmup > 0 { emit(.warmupStarted(requests: warmup, isDefault: loadPlan.settings.warmup == nil)) }
        let shardStart = try await waitForShards(caseIndex: plan.caseIndex, step: step, isFirst: isFirst)
        let driver = driver(for: plan, step: step)
        let caseStartedAt = WallClock.now()
        let caseStart = MonotonicClock.now()
        let timed = {
            await driver.run(point, warmup: warmup, pool: target.pool, sink: results.sink, caseStart: caseStart)
        }
        var scrapes: [MetricScrape] = []
        if let scraper {
            (_, scrapes) = await scraper.recording(caseIndex: plan.caseIndex, step: step, emit: emit, timed)
        } else {
            await timed()
        }
        if let failure = results.sink.writeFailure { throw .output(failure) }
        let (records, warmupRecords) = results.sink.takeRecords()
        if records.isEmpty { emit(.warning(.unmeasuredCase(caseIndex: plan.caseIndex, point: point))) }
        let summary = summarize(
            records,
            of: plan,
            at: point,
            step: step,
            startedAt: caseStartedAt,
            shardStart: shardStart,
            serverScrapes: scrapes,
            warmupRecords: warmupRecords
        )
        try results.append(summary)
        emit(.caseFinished(summary))
        if let warning = BenchmarkWarning.bufferedStreams(in: summary) { emit(.warning(warning)) }
        if let warning = BenchmarkWarning.clientLagged(in: summary) { emit(.warning(warning)) }
        if let warning = BenchmarkWarning.eventsReadTogether(in: summary) { emit(.warning(warning)) }
        if let reason = target.timestampRefusal.announce() {
            emit(.warning(.kernelTimestampsUnavailable(reason: reason)))
        }
        for warning in BenchmarkWarning.serverFigures(in: summary) { emit(.warning(warning)) }
        return summary
    }

    /// Waits for the other shards, or for `--start-at`, when the run begins in common with others.
    private func waitForShards(caseIndex: Int, step: Int, isFirst: Bool) async throws(BenchmarkError) -> ShardStart? {
        guard let start = config.commonStart else { return nil }
        let shard = config.shard ?? .whole
        let shardStart: ShardStart?
        do {
            shardStart = try await ShardBarrier(start: start, shard: shard, absence: shardAbsence).wait(
                caseIndex: caseIndex,
                step: step,
                isFirst: isFirst,
                stop: stop
            )
        } catch {
            throw .output(error)
        }
        guard !stop.isRequested, !Task.isCancelled else { return shardStart }
        if let missing = shardStart?.missingShards, !missing.isEmpty {
            emit(.warning(.shardsMissing(caseIndex: caseIndex, shards: missing, count: shard.count)))
        }
        if let late = shardStart?.lateNanoseconds, late > ShardBarrier.leadNanoseconds {
            emit(.warning(.shardStartedLate(caseIndex: caseIndex, lateSeconds: Double(late) / 1e9)))
        }
        return shardStart
    }

    private func driver(for plan: CasePlan, step: Int) -> LoadDriver {
        LoadDriver(
            runID: results.files.runID,
            executor: target.executor,
            templates: plan.templates,
            caseIndex: plan.caseIndex,
            isOutputLengthForced: plan.lengthControl.sendsLengthFields,
            load: loadPlan.settings,
            seed: seed &+ UInt64(plan.caseIndex),
            stop: stop,
            step: step,
            emit: emit,
            announcesStarts: config.liveMetrics != nil || config.liveSnapshotDirectory != nil,
            sessions: plan.sessionPlan,
            shard: config.shard
        )
    }

    /// The case's figures from its records and the server's metrics read around them.
    private func summarize(
        _ records: [RequestRecord],
        of plan: CasePlan,
        at point: LoadPoint,
        step: Int,
        startedAt: Int64,
        shardStart: ShardStart?,
        serverScrapes: [MetricScrape],
        warmupRecords: [RequestRecord]
    ) -> CaseSummary {
        let sent = records.map {
            LengthPair(inputTokens: $0.requestedInputTokens, outputTokens: $0.requestedOutputTokens)
        }
        return CaseSummary(
            records: records,
            context: CaseSummary.Context(
                caseIndex: plan.caseIndex,
                step: step,
                benchmarkCase: CasePlan.nominal(plan.benchmarkCase, lengths: sent),
                model: config.model,
                point: point,
                slo: config.slo,
                prompts: PreparedPromptFacts(plan.prompts),
                lengthControl: plan.lengthControl,
                startedAt: Date(timeIntervalSince1970: Double(startedAt) / 1e9),
                startedAtUnixNanoseconds: startedAt,
                shardStart: shardStart,
                serverScrapes: serverScrapes,
                warmupRecords: warmupRecords
            )
        )
    }
}
