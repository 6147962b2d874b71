import LLMBenchSupport

/// One matched case (or sweep step), baseline against candidate: every figure both sides have,
/// each with its test and verdict.
struct CaseComparison: Sendable {
    let key: CaseKey
    /// Counted requests of each side, pooled over its runs.
    let baselineRequests: Int
    let candidateRequests: Int
    /// How many cases each side pooled (one per run that has the case).
    let baselineCases: Int
    let candidateCases: Int
    /// In table order: per latency metric its statistics and its distribution, then throughput
    /// and failures.
    let figures: [MetricComparison]
    /// Each side's value of every figure with a value (`ComparisonFigure.valued`) it has, whether
    /// or not the other side has it.
    let baselineValues: [ComparisonFigure: Double]
    let candidateValues: [ComparisonFigure: Double]

    /// The comparison of `figure`; nil when a side lacks it.
    subscript(figure: ComparisonFigure) -> MetricComparison? {
        figures.first { $0.figure == figure }
    }

    /// Compares the two sides of the case `key`; `stream` (the case's position) seeds its
    /// bootstraps apart from the other cases'.
    init(key: CaseKey, baseline: CaseSample, candidate: CaseSample, options: ComparisonOptions, stream: Int) {
        self.key = key
        baselineRequests = baseline.requestCount
        candidateRequests = candidate.requestCount
        baselineCases = baseline.cases.count
        candidateCases = candidate.cases.count
        var figures: [MetricComparison] = []
        for (position, metric) in LatencyMetric.allCases.enumerated() {
            var random = SeededRandom(seed: options.seed, stream: UInt64(stream * 64 + position))
            figures += Self.latencyFigures(metric, baseline, candidate, options: options, random: &random)
        }
        figures += Self.throughputFigures(baseline, candidate, options: options)
        figures += Self.failureFigures(baseline, candidate, options: options)
        self.figures = figures
        baselineValues = Self.values(of: baseline)
        candidateValues = Self.values(of: candidate)
    }

    /// The value of every figure in `ComparisonFigure.valued` that `sample` has.
    private static func values(of sample: CaseSample) -> [ComparisonFigure: Double] {
        var sorted: [LatencyMetric: [Double]] = [:]
        var values: [ComparisonFigure: Double] = [:]
        for figure in ComparisonFigure.valued {
            var sortedValues: [Double] = []
            if case .latency(let metric, _) = figure, sample.cases.count > 1 {
                sortedValues = sorted[metric] ?? sample.sortedValues(of: metric)
                sorted[metric] = sortedValues
            }
            values[figure] = sample.value(of: figure, sortedValues: sortedValues)
        }
        return values
    }

    /// The statistics of `metric` both sides have, each tested by a bootstrap interval, and its
    /// distribution tested by Mann-Whitney U.
    private static func latencyFigures(
        _ metric: LatencyMetric,
        _ baseline: CaseSample,
        _ candidate: CaseSample,
        options: ComparisonOptions,
        random: inout SeededRandom
    ) -> [MetricComparison] {
        let before = baseline.sortedValues(of: metric)
        let after = candidate.sortedValues(of: metric)
        // Without reasoning the first answer token is the first token: the rows would repeat TTFT's.
        if metric == .ttftContent, before == baseline.sortedValues(of: .ttft),
            after == candidate.sortedValues(of: .ttft)
        {
            return []
        }
        let valued = ComparisonFigure.statistics(of: metric).compactMap {
            statistic -> (ComparisonFigure.Statistic, Double, Double)? in
            let figure = ComparisonFigure.latency(metric, statistic)
            guard let old = baseline.value(of: figure, sortedValues: before),
                let new = candidate.value(of: figure, sortedValues: after)
            else { return nil }
            return (statistic, old, new)
        }
        var figures: [MetricComparison] = []
        let testable = valued.filter { Self.tooFew(before.count, after.count, minimum: $0.0.minimumValues) == nil }
        let bootstrap =
            testable.isEmpty
            ? nil
            : BootstrapDifference(
                sortedBaseline: before,
                sortedCandidate: after,
                statistics: testable.map(\.0.distributionStatistic),
                resamples: options.bootstrapResamples,
                sampleCap: options.bootstrapSampleCap,
                level: 1 - options.alpha,
                random: &random
            )
        for (statistic, old, new) in valued {
            let test: SignificanceTest =
                if before.isEmpty || after.isEmpty {
                    .notTested(reason: "no per-request values on one side (is its requests file there?)")
                } else if let reason = Self.tooFew(before.count, after.count, minimum: statistic.minimumValues) {
                    .notTested(reason: reason + (statistic.minimumValues > 5 ? Self.percentileNeeds : ""))
                } else if let bootstrap, let interval = bootstrap.intervals[statistic.distributionStatistic] {
                    .bootstrap(
                        interval,
                        resamples: options.bootstrapResamples,
                        baselineValues: bootstrap.baselineValuesUsed,
                        candidateValues: bootstrap.candidateValuesUsed
                    )
                } else {
                    .notTested(reason: "no per-request values on one side (is its requests file there?)")
                }
            figures.append(
                MetricComparison(
                    figure: .latency(metric, statistic),
                    baseline: old,
                    candidate: new,
                    test: test,
                    alpha: options.alpha
                )
            )
        }
        if !before.isEmpty, !after.isEmpty {
            let test: SignificanceTest =
                if let reason = Self.tooFew(before.count, after.count, minimum: 5) {
                    .notTested(reason: reason)
                } else if let test = MannWhitneyTest(sortedBaseline: before, sortedCandidate: after) {
                    .mannWhitney(test, samples: "per-request values")
                } else {
                    .notTested(reason: "no per-request values on one side")
                }
            figures.append(
                MetricComparison(
                    figure: .distribution(metric),
                    baseline: nil,
                    candidate: nil,
                    test: test,
                    alpha: options.alpha
                )
            )
        }
        return figures
    }

    /// Why samples of `baseline` and `candidate` values (or requests, windows: `noun`) are too
    /// small for a test needing `minimum` on each side; nil when both are large enough.
    static func tooFew(_ baseline: Int, _ candidate: Int, minimum: Int, of noun: String = "values") -> String? {
        guard baseline < minimum || candidate < minimum else { return nil }
        return "fewer than \(minimum) \(noun) on a side (baseline \(baseline), candidate \(candidate))"
    }

    private static let percentileNeeds = "; a percentile is tested only with 2 values beyond it on each side"

    /// Output and request throughput, tested by Mann-Whitney U on per-window throughputs.
    private static func throughputFigures(
        _ baseline: CaseSample,
        _ candidate: CaseSample,
        options: ComparisonOptions
    ) -> [MetricComparison] {
        let before = baseline.windowThroughputs(count: options.throughputWindows)
        let after = candidate.windowThroughputs(count: options.throughputWindows)
        let samples = "per-window throughput, \(options.throughputWindows) equal windows per run"
        let pairs: [(ComparisonFigure, [Double], [Double])] = [
            (.outputThroughput, before.tokens, after.tokens),
            (.requestThroughput, before.requests, after.requests),
        ]
        return pairs.compactMap { figure, old, new in
            guard let oldValue = baseline.value(of: figure, sortedValues: []),
                let newValue = candidate.value(of: figure, sortedValues: [])
            else { return nil }
            let test: SignificanceTest =
                if old.isEmpty || new.isEmpty {
                    .notTested(reason: "no request records to cut into time windows on one side")
                } else if let reason = Self.tooFew(
                    baseline.requestCount,
                    candidate.requestCount,
                    minimum: 5,
                    of: "requests"
                ) {
                    .notTested(reason: reason)
                } else if let reason = Self.tooFew(old.count, new.count, minimum: 5, of: "windows") {
                    .notTested(reason: reason)
                } else {
                    MannWhitneyTest(baseline: old, candidate: new).map { .mannWhitney($0, samples: samples) }
                        ?? .notTested(reason: "no request records to cut into time windows on one side")
                }
            return MetricComparison(
                figure: figure,
                baseline: oldValue,
                candidate: newValue,
                test: test,
                alpha: options.alpha
            )
        }
    }

    /// The failed share of requests, tested by Fisher's exact test on the counts.
    private static func failureFigures(
        _ baseline: CaseSample,
        _ candidate: CaseSample,
        options: ComparisonOptions
    ) -> [MetricComparison] {
        guard let old = baseline.value(of: .failedShare, sortedValues: []),
            let new = candidate.value(of: .failedShare, sortedValues: [])
        else { return [] }
        let test: SignificanceTest =
            if let reason = tooFew(baseline.requestCount, candidate.requestCount, minimum: 5, of: "requests") {
                .notTested(reason: reason)
            } else {
                .fisherExact(
                    pValue: FisherExactTest(
                        baselineHits: baseline.failedRequests,
                        baselineTotal: baseline.requestCount,
                        candidateHits: candidate.failedRequests,
                        candidateTotal: candidate.requestCount
                    ).pValue
                )
            }
        return [
            MetricComparison(
                figure: .failedShare,
                baseline: old,
                candidate: new,
                test: test,
                alpha: options.alpha
            )
        ]
    }
}
