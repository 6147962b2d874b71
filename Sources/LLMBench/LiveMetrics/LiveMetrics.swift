import CoreMetrics
import Prometheus

/// The benchmark's own metrics while it runs, updated from its events and kept in a Prometheus
/// registry that the live endpoint serves.
///
/// The metrics are swift-metrics objects made with an explicit factory over `registry` (never
/// the process-wide `MetricsSystem`), so runs and tests stay apart. Each event costs a few atomic
/// additions or one histogram lock; it runs where the event is emitted, in the benchmark's task.
final class LiveMetrics: Sendable {
    /// Where the metrics live; `emit(into:)` gives the page.
    let registry: PrometheusCollectorRegistry
    private let started: CoreMetrics.Counter
    private let succeeded: CoreMetrics.Counter
    private let failed: CoreMetrics.Counter
    private let failures: [FailureKind: CoreMetrics.Counter]
    private let inFlight: CoreMetrics.Meter
    private let outputTokens: CoreMetrics.Counter
    private let timeToFirstToken: CoreMetrics.Timer
    private let interTokenLatency: CoreMetrics.Timer
    private let endToEndLatency: CoreMetrics.Timer
    private let scheduleLag: CoreMetrics.Timer
    private let caseIndex: CoreMetrics.Gauge
    private let caseStep: CoreMetrics.Gauge

    /// Registers every family in `registry` with the label `run_id` = `runID`.
    init(runID: String, registry: PrometheusCollectorRegistry) {
        self.registry = registry
        let maker = LiveMetricMaker(registry: registry, runID: runID)
        started = maker.counter(.requestsStarted)
        succeeded = maker.counter(.requestsFinished, ("status", "ok"))
        failed = maker.counter(.requestsFinished, ("status", "failed"))
        var failures: [FailureKind: CoreMetrics.Counter] = [:]
        for kind in FailureKind.allCases { failures[kind] = maker.counter(.requestFailures, ("kind", kind.rawValue)) }
        self.failures = failures
        inFlight = maker.meter(.requestsInFlight)
        outputTokens = maker.counter(.outputTokens)
        timeToFirstToken = maker.timer(.timeToFirstToken)
        interTokenLatency = maker.timer(.interTokenLatency)
        endToEndLatency = maker.timer(.endToEndLatency)
        scheduleLag = maker.timer(.scheduleLag)
        caseIndex = maker.gauge(.caseIndex)
        caseStep = maker.gauge(.caseStep)
    }

    /// Takes one event of the run; an observer of the runner, ahead of the caller's.
    func observe(_ event: BenchmarkEvent) {
        switch event {
        case .caseStarted(let start):
            caseIndex.record(start.caseIndex)
            caseStep.record(start.step)
        case .requestStarted(_, _, let isWarmup):
            guard !isWarmup else { return }
            started.increment()
            inFlight.increment()
        case .requestFinished(let record):
            guard !record.isWarmup else { return }
            inFlight.decrement()
            finished(record)
        default:
            return
        }
    }

    private func finished(_ record: RequestRecord) {
        if let lag = record.scheduleLagNanoseconds { scheduleLag.recordNanoseconds(lag) }
        if let failure = record.failure {
            failed.increment()
            failures[failure.kind]?.increment()
            return
        }
        succeeded.increment()
        outputTokens.increment(by: record.outputTokens)
        if let ttft = record.timeToFirstTokenNanoseconds { timeToFirstToken.recordNanoseconds(ttft) }
        if let e2e = record.endToEndNanoseconds { endToEndLatency.recordNanoseconds(e2e) }
        let gaps = record.interTokenNanoseconds.count
        if let decode = record.decodeNanoseconds, gaps > 0 {
            interTokenLatency.recordNanoseconds(decode / UInt64(gaps))
        }
    }
}

/// Makes the swift-metrics objects of the families over one registry: each handler comes from
/// the registry with its family's help text and buckets (which a bare factory cannot pass on),
/// and the factory over the same registry releases it.
private struct LiveMetricMaker {
    let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory
    let runLabel: (String, String)

    init(registry: PrometheusCollectorRegistry, runID: String) {
        self.registry = registry
        factory = PrometheusMetricsFactory(registry: registry)
        runLabel = ("run_id", runID)
    }

    func counter(_ family: LiveMetricFamily, _ labels: (String, String)...) -> CoreMetrics.Counter {
        let labels = [runLabel] + labels
        let handler = registry.makeCounter(descriptor: family.descriptor, labels: labels)
        return CoreMetrics.Counter(label: family.name, dimensions: labels, handler: handler, factory: factory)
    }

    func meter(_ family: LiveMetricFamily) -> CoreMetrics.Meter {
        let handler = registry.makeGauge(descriptor: family.descriptor, labels: [runLabel])
        return CoreMetrics.Meter(label: family.name, dimensions: [runLabel], handler: handler, factory: factory)
    }

    func gauge(_ family: LiveMetricFamily) -> CoreMetrics.Gauge {
        let handler = registry.makeGauge(descriptor: family.descriptor, labels: [runLabel])
        return CoreMetrics.Gauge(
            label: family.name,
            dimensions: [runLabel],
            aggregate: false,
            handler: handler,
            factory: factory
        )
    }

    func timer(_ family: LiveMetricFamily) -> CoreMetrics.Timer {
        let handler = registry.makeDurationHistogram(
            descriptor: family.descriptor,
            labels: [runLabel],
            buckets: family.buckets
        )
        return CoreMetrics.Timer(label: family.name, dimensions: [runLabel], handler: handler, factory: factory)
    }
}
