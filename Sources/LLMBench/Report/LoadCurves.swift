/// Figures against load for sweeps and for several runs: one curve per case of each run, one
/// point per step, every value a column of the step's results.
struct LoadCurves: Sendable {
    /// What the load axis shows.
    enum Axis: Sendable, Equatable {
        /// `load_concurrency` (in rate mode the measured `mean_concurrency`): requests in flight.
        case concurrency
        /// `target_rate_rps`: rate mode throughout.
        case rate

        var label: String {
            switch self {
            case .concurrency: "concurrency (requests in flight)"
            case .rate: "target rate (requests/s)"
            }
        }
    }

    /// One step of a curve: its load and its results.
    struct Point: Sendable {
        var load: Double
        var results: CaseResults
        /// The highest load of its curve that met the SLOs (or the sweep's `best_concurrency`).
        var isBest: Bool
    }

    /// The steps of one case of one run, by rising load.
    struct Curve: Sendable {
        var name: String
        var points: [Point]
    }

    var axis: Axis
    var curves: [Curve]
    /// The SLO targets of the runs, by metric, each distinct target once, in milliseconds.
    var targets: [(metric: LatencyMetric, milliseconds: Double)]
    /// The percentile the targets are judged at (of the first run that sets SLOs).
    var percentile: Double
    /// How many runs the curves come from.
    var runCount: Int

    init(runs: [ReportRun]) {
        let all = runs.flatMap(\.results.cases)
        let isRate =
            !all.isEmpty && all.allSatisfy { $0.text("load_mode") == "rate" && $0.number("target_rate_rps") != nil }
        axis = isRate ? .rate : .concurrency
        runCount = runs.count
        let axis = axis
        curves = runs.flatMap { run in
            let indices = Set(run.results.cases.map(\.caseIndex)).sorted()
            return indices.map { caseIndex in
                let steps = run.results.cases.filter { $0.caseIndex == caseIndex }
                let best = run.results.sweeps.first { $0.caseIndex == caseIndex }?.bestConcurrency
                let name = runs.count > 1 ? "\(run.label) · case \(caseIndex + 1)" : "case \(caseIndex + 1)"
                return Self.curve(name: name, steps: steps, axis: axis, bestConcurrency: best)
            }
        }
        var targets: [(metric: LatencyMetric, milliseconds: Double)] = []
        for run in runs {
            let runTargets = ReportConfig(run.results.config).serviceLevelTargets
            for metric in LatencyMetric.allCases {
                guard let target = runTargets[metric] else { continue }
                if !targets.contains(where: { $0.metric == metric && $0.milliseconds == target }) {
                    targets.append((metric, target))
                }
            }
        }
        self.targets = targets
        percentile =
            runs.map { ReportConfig($0.results.config) }.first { !$0.serviceLevelTargets.isEmpty }?
            .serviceLevelPercentile ?? 99
    }

    /// Whether the page shows them: some curve has two steps or more, or several runs are compared.
    var isShown: Bool { runCount > 1 || curves.contains { $0.points.count > 1 } }

    /// The load of `results` on `axis`.
    static func load(of results: CaseResults, axis: Axis) -> Double? {
        switch axis {
        case .rate: results.number("target_rate_rps")
        case .concurrency:
            results.number("load_concurrency") ?? results.number("mean_concurrency")
                ?? results.number("num_concurrent_requests")
        }
    }

    private static func curve(name: String, steps: [CaseResults], axis: Axis, bestConcurrency: Int?) -> Curve {
        var points = steps.compactMap { step in
            load(of: step, axis: axis).map { Point(load: $0, results: step, isBest: false) }
        }
        points.sort { ($0.load, $0.results.step) < ($1.load, $1.results.step) }
        let best: Int? =
            if let bestConcurrency, axis == .concurrency {
                points.lastIndex { $0.load == Double(bestConcurrency) }
            } else {
                points.lastIndex { $0.results.columns["slo_met"] == .bool(true) }
            }
        if let best { points[best].isBest = true }
        return Curve(name: name, points: points)
    }
}
