import LLMBenchSupport
import Logging
import NIOCore
import Synchronization

/// The state shared by all connections of one server: counters, the admission queue, the fault
/// generator and the truth log, each behind a `Mutex`. Per-stream state lives on its channel's loop.
final class SimulatorState: Sendable {
    let options: SimulatorOptions
    let logger: Logger
    let tokenizer = SimulatedTokenizer()
    /// The Responses API's stored responses, for `previous_response_id`.
    let responseStore = ResponseStore(capacity: 10_000)
    /// Unix seconds used as `created` in `/v1/models`.
    let startedUnixSeconds: Int

    private let core: Mutex<Core>
    private let truthLog: Mutex<TruthLog>
    private let metrics = Mutex(SimulatorMetrics(maxModelLength: SimulatorOptions.maxModelLength))
    private let connections = Mutex<[ObjectIdentifier: any Channel]>([:])
    /// The prefix cache, behind its own lock (taken twice per request); unused when it is off.
    let prefixCache: Mutex<PrefixCache>

    struct Core {
        var stats = SimulatorStats()
        var queue: CircularBuffer<AdmissionWaiter> = []
        var nextArrivalIndex: UInt64 = 0
        var nextFaultEligibleIndex: UInt64 = 0
        var faultGenerator: SeededRandom
        var statsWaiters: [StatsWaiter] = []
        /// Set at shutdown: freed slots are no longer handed to queued requests.
        var isStopping = false
    }

    /// A request waiting for a sequence slot; `admit` runs on `eventLoop` once the slot is its own.
    struct AdmissionWaiter: Sendable {
        var ticket: UInt64
        var eventLoop: any EventLoop
        var admit: @Sendable () -> Void
    }

    /// Someone waiting for the counters to satisfy `condition`.
    struct StatsWaiter: Sendable {
        var condition: @Sendable (SimulatorStats) -> Bool
        var promise: EventLoopPromise<Void>
    }

    /// What is decided for a generation request at its arrival.
    struct Arrival: Sendable {
        var index: UInt64
        var fault: InjectedFault?
    }

    init(options: SimulatorOptions, logger: Logger, startedUnixSeconds: Int) {
        self.options = options
        self.logger = logger
        self.startedUnixSeconds = startedUnixSeconds
        self.core = Mutex(Core(faultGenerator: SeededRandom(seed: options.faults.seed)))
        self.truthLog = Mutex(TruthLog(capacity: options.truthCapacity))
        self.prefixCache = Mutex(PrefixCache(options: options.prefixCache))
    }

    /// Changes the shared state under its lock, then wakes the stats waiters whose condition now holds.
    private func mutate<Result: Sendable>(_ body: (inout Core) -> Result) -> Result {
        let (result, ready) = core.withLock { core -> (Result, [EventLoopPromise<Void>]) in
            let result = body(&core)
            guard !core.statsWaiters.isEmpty else { return (result, []) }
            var ready: [EventLoopPromise<Void>] = []
            let stats = core.stats
            core.statsWaiters.removeAll { waiter in
                guard waiter.condition(stats) else { return false }
                ready.append(waiter.promise)
                return true
            }
            return (result, ready)
        }
        for promise in ready { promise.succeed() }
        return result
    }

    // MARK: Arrivals and counters

    /// Counts one HTTP request on any path.
    func recordHTTPRequest() {
        mutate { $0.stats.requestsReceived += 1 }
    }

    /// Counts one 4xx answer.
    func recordRejection() {
        mutate { $0.stats.rejected += 1 }
    }

    /// Numbers a valid generation request and decides its fault.
    func registerArrival(isStreaming: Bool) -> Arrival {
        let faults = options.faults
        return mutate { core in
            let index = core.nextArrivalIndex
            core.nextArrivalIndex += 1
            core.stats.generationRequests += 1
            var fault: InjectedFault?
            if faults.isEnabled, isStreaming || !faults.streamingOnly {
                let eligible = core.nextFaultEligibleIndex
                core.nextFaultEligibleIndex += 1
                if faults.firstRequests == 0 || eligible < UInt64(faults.firstRequests) {
                    fault = faults.fault(forDraw: core.faultGenerator.nextUnit())
                }
            }
            if let fault {
                core.stats.faultsInjected += 1
                if fault.failsRequest { core.stats.failedByFault += 1 }
            }
            return Arrival(index: index, fault: fault)
        }
    }

    /// Counts how a generation request ended and its tokens.
    func recordOutcome(completed: Bool, disconnected: Bool, tokens: Int, lateness: UInt64) {
        mutate { core in
            if completed { core.stats.completed += 1 }
            if disconnected { core.stats.clientDisconnects += 1 }
            core.stats.tokensGenerated += tokens
            core.stats.maxLatenessNanoseconds = max(core.stats.maxLatenessNanoseconds, lateness)
        }
    }

    /// A snapshot of the counters.
    func stats() -> SimulatorStats {
        core.withLock { $0.stats }
    }

    /// Succeeds `promise` once the counters satisfy `condition` (at once if they do now).
    func notify(when condition: @escaping @Sendable (SimulatorStats) -> Bool, promise: EventLoopPromise<Void>) {
        let holds = core.withLock { core in
            if core.isStopping || condition(core.stats) { return true }
            core.statsWaiters.append(StatsWaiter(condition: condition, promise: promise))
            return false
        }
        if holds { promise.succeed() }
    }

    // MARK: Admission

    /// Sequences being generated now.
    var activeSequences: Int {
        core.withLock { $0.stats.active }
    }

    /// Takes a sequence slot now (returns `true`) or queues `waiter` (returns `false`).
    func requestAdmission(_ waiter: AdmissionWaiter) -> Bool {
        let limit = options.latency.maxConcurrentSequences
        return mutate { core in
            if core.stats.active < limit && core.queue.isEmpty {
                core.stats.active += 1
                core.stats.maxActive = max(core.stats.maxActive, core.stats.active)
                return true
            }
            core.queue.append(waiter)
            core.stats.queued = core.queue.count
            core.stats.maxQueued = max(core.stats.maxQueued, core.queue.count)
            return false
        }
    }

    /// Removes a queued request; `false` if it was not queued (it was admitted meanwhile).
    func cancelWaiting(ticket: UInt64) -> Bool {
        mutate { core in
            guard let position = core.queue.firstIndex(where: { $0.ticket == ticket }) else { return false }
            core.queue.remove(at: position)
            core.stats.queued = core.queue.count
            return true
        }
    }

    /// Frees a sequence slot and hands it to the first queued request, if any.
    func releaseSequence() {
        let limit = options.latency.maxConcurrentSequences
        let next = mutate { core -> AdmissionWaiter? in
            core.stats.active -= 1
            guard !core.isStopping, core.stats.active < limit, let next = core.queue.popFirst() else { return nil }
            core.stats.active += 1
            core.stats.queued = core.queue.count
            return next
        }
        if let next { next.eventLoop.execute(next.admit) }
    }

    // MARK: Connections and shutdown

    /// Keeps `channel` in the set of open connections until it closes.
    func track(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        connections.withLock { $0[id] = channel }
        channel.closeFuture.whenComplete { [weak self] _ in
            _ = self?.connections.withLock { $0.removeValue(forKey: id) }
        }
    }

    /// Stops handing freed slots to queued requests and returns the open connections, to be closed.
    func beginShutdown() -> [any Channel] {
        core.withLock { $0.isStopping = true }
        return connections.withLock { Array($0.values) }
    }

    /// Succeeds every stats waiter (at shutdown).
    func releaseStatsWaiters() {
        let waiters = core.withLock { core in
            defer { core.statsWaiters = [] }
            return core.statsWaiters
        }
        for waiter in waiters { waiter.promise.succeed() }
    }

    // MARK: Server metrics

    /// A request got its slot and starts generating, `cachedTokens` of its prompt from the prefix cache.
    func recordAdmission(promptTokens: Int, cachedTokens: Int) {
        let queried = options.prefixCache.isEnabled ? promptTokens : 0
        metrics.withLock { $0.recordAdmission(promptTokens: promptTokens, queried: queried, hits: cachedTokens) }
    }

    /// One event's tokens were generated.
    func recordTokens(_ generated: GeneratedTokens, promptTokens: Int, receivedNanoseconds: UInt64) {
        metrics.withLock {
            $0.recordTokens(generated, promptTokens: promptTokens, receivedNanoseconds: receivedNanoseconds)
        }
    }

    /// A request that ran ended (one that never got a slot changes nothing).
    func recordEnd(_ truth: RequestTruth) {
        guard truth.finishedReason != nil else { return }
        metrics.withLock { $0.recordEnd(truth) }
    }

    /// The metrics as they are now.
    func metricsSnapshot() -> SimulatorMetrics {
        metrics.withLock { $0 }
    }

    /// The `GET /metrics` page.
    func metricsExposition() -> String {
        let stats = stats()
        let gauges = SimulatorMetrics.Gauges(
            running: stats.active,
            waiting: stats.queued,
            kvCacheCapacityTokens: options.kvCacheCapacityTokens
        )
        return metricsSnapshot().exposition(modelName: options.servedModels[0], gauges: gauges)
    }

    // MARK: Truths

    /// Starts the record of a request; returns its absolute index.
    func beginTruth(_ truth: RequestTruth) -> Int? {
        truthLog.withLock { $0.append(truth) }
    }

    /// Completes the record of a request.
    func updateTruth(at index: Int?, _ truth: RequestTruth) {
        guard let index else { return }
        truthLog.withLock { $0.update(at: index, truth) }
    }

    func truth(requestID: String) -> RequestTruth? {
        truthLog.withLock { $0.truth(requestID: requestID) }
    }

    func truths(since: Int = 0) -> [RequestTruth] {
        truthLog.withLock { $0.truths(since: since) }
    }
}
