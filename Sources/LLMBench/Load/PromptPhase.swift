import LLMBenchSupport

/// Phase 1: the prompts of every case, exact in the server's tokens, turned into the case plans
/// phase 2 measures; never timed.
struct PromptPhase {
    let config: BenchmarkConfig
    let loadPlan: LoadPlan
    let target: BenchmarkTarget
    let emit: BenchmarkObserver

    /// Prepares the plans of every case, with `seed` drawing the prompts; the control plane's
    /// connections are closed when it ends.
    static func prepare(
        config: BenchmarkConfig,
        loadPlan: LoadPlan,
        target: BenchmarkTarget,
        corpus: Corpus,
        seed: UInt64,
        emit: @escaping BenchmarkObserver
    ) async throws(BenchmarkError) -> [CasePlan] {
        let phase = PromptPhase(config: config, loadPlan: loadPlan, target: target, emit: emit)
        let plans = await Result { () async throws(BenchmarkError) in
            try await phase.prepare(corpus: corpus, seed: seed)
        }
        await target.control.close()
        return try plans.get()
    }

    private func prepare(corpus: Corpus, seed: UInt64) async throws(BenchmarkError) -> [CasePlan] {
        emit(.phaseStarted(.prompts))
        let client = target.control
        let (lengthControl, warning) = await OutputLengthControl.probe(
            client: client,
            model: config.model,
            api: config.api,
            isWanted: config.forceOutputLength
        )
        if let warning { emit(.warning(warning)) }
        let tokenizer = await ServerTokenizer.detect(client: client, model: config.model, api: config.api)
        let preparer = PromptPreparer(
            client: client,
            tokenizer: tokenizer,
            corpus: corpus,
            model: config.model,
            source: config.promptSource,
            lengthControl: lengthControl
        )
        emit(
            .promptMethodChosen(
                PromptMethod(
                    origin: Self.origin(of: config),
                    lengthsMeasuredBy: tokenizer.source.rawValue,
                    specialTokens: tokenizer.specialTokens
                )
            )
        )
        if tokenizer.source == .unverified { emit(.warning(.unverifiedPromptLengths)) }
        let builder = CaseRequestBuilder(library: library(preparer), configPath: config.sourcePath)
        let count = config.promptReuse == .shared ? 1 : Self.distinctPromptCount(loadPlan)
        var random = SeededRandom(seed: seed)
        var plans: [CasePlan] = []
        for (caseIndex, benchmarkCase) in config.cases.enumerated() {
            if case .sessions(let workload) = benchmarkCase.workload {
                let sessions = try await sessionPlan(
                    workload,
                    builder: SessionScriptBuilder(library: builder.library, configPath: config.sourcePath),
                    count: count,
                    lengthControl: lengthControl,
                    random: &random
                )
                plans.append(
                    CasePlan(
                        caseIndex: caseIndex,
                        configuredCase: benchmarkCase,
                        sessions: sessions.taken(by: config.shard),
                        lengthControl: lengthControl
                    )
                )
                continue
            }
            let outcome: CaseRequestBuilder.Outcome
            do {
                outcome = try await builder.requests(for: benchmarkCase, count: count, random: &random)
            } catch {
                throw .prompts(error)
            }
            report(outcome, of: benchmarkCase)
            // All shards made every prompt alike: a shard replays its rows of a trace, each at its
            // time, and takes the other workloads' requests in its turn among the shards.
            let rows = outcome.requests.indices.filter { row in
                outcome.trace == nil || config.shard?.keeps(row: row) != false
            }
            let requests = rows.map { outcome.requests[$0] }
            var plan = CasePlan(
                caseIndex: caseIndex,
                configuredCase: benchmarkCase,
                requests: outcome.trace == nil ? config.shard?.inTurn(requests) ?? requests : requests,
                factory: target.executor.factory,
                lengthControl: lengthControl
            )
            if let trace = outcome.trace, case .trace(let settings) = benchmarkCase.workload {
                plan.replay = TraceReplay(
                    speed: settings.speed,
                    offsetsNanoseconds: rows.map { trace.offsetsNanoseconds[$0] }
                )
                if let first = trace.skippedLines.first {
                    emit(
                        .warning(.traceRowsSkipped(path: trace.path, rows: trace.skippedLines.count, firstLine: first))
                    )
                }
            }
            plans.append(plan)
        }
        return plans
    }

    /// The prepared prompts, from the cache where they are in it.
    private func library(_ preparer: PromptPreparer) -> PromptLibrary {
        PromptLibrary(
            preparer: preparer,
            cache: config.promptCacheDirectory.map { folder in
                PromptCache(
                    folder: folder,
                    model: config.model,
                    api: config.api,
                    server: config.endpoint == .embedded ? "embedded simulator" : "\(target.address)",
                    tokenizer: preparer.tokenizer.source,
                    specialTokens: preparer.tokenizer.specialTokens
                )
            },
            regenerate: config.regeneratePrompts
        )
    }

    /// Tells what a case's prompts came to, and warns when a server wrote the same text twice.
    private func report(_ outcome: CaseRequestBuilder.Outcome, of benchmarkCase: BenchmarkCase) {
        let lengths = outcome.requests.map(\.prompt.tokens)
        let what =
            benchmarkCase.workload.isFixed && benchmarkCase.sharedPrefix == nil
            ? "\(benchmarkCase.inputTokens) tokens" : "\(benchmarkCase.workload)"
        emit(
            .promptsPrepared(
                PromptsPrepared(
                    workload: what,
                    count: lengths.count,
                    fromCache: outcome.fromCache,
                    shortest: lengths.min() ?? 0,
                    longest: lengths.max() ?? 0,
                    inexact: outcome.requests.count { $0.prompt.tokens != $0.prompt.target }
                )
            )
        )
        let isDataset =
            switch benchmarkCase.workload {
            case .dataset, .trace: true
            default: false
            }
        if config.promptReuse == .unique, !isDataset, outcome.distinctPrompts < lengths.count {
            emit(.warning(.identicalPrompts(workload: what, distinct: outcome.distinctPrompts, prompts: lengths.count)))
        }
    }

    /// How the prompts are made, as the console says it: a trace's prompts are always cut from the
    /// corpus (the server writing a long trace's prompts would take longer than the replay).
    static func origin(of config: BenchmarkConfig) -> String {
        let hasTrace = config.cases.contains { if case .trace = $0.workload { true } else { false } }
        guard hasTrace, config.promptSource != .corpus else { return config.promptSource.rawValue }
        return "\(config.promptSource.rawValue) (trace cases: corpus)"
    }

    /// One prompt per request that can be in flight at once over all shards, at most 256 (they
    /// are then reused in turn), so a prefix cache cannot serve one request from another's prompt.
    static func distinctPromptCount(_ plan: LoadPlan) -> Int {
        max(1, min(plan.wholePeakConnections, 256))
    }
}
