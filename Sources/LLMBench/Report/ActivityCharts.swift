import Foundation

/// The charts over time of the page's runs, on one axis (seconds from each run's first counted
/// send) and in shared buckets: output tokens per second, requests in flight, failures.
struct ActivityCharts: Sendable {
    var runs: [ReportRun]
    var buckets: TimeBuckets
    /// Each run's activity, in the order of `runs`.
    var activities: [ActivityOverTime]

    init(runs: [ReportRun]) {
        self.runs = runs
        buckets = ActivityOverTime.buckets(for: runs)
        let buckets = buckets
        activities = runs.map { ActivityOverTime(run: $0, buckets: buckets) }
    }

    private var timeAxis: ChartAxis { ChartAxis(label: "time since the run's first counted send (s)") }

    private var bucketNote: String {
        "In buckets of \(ChartNumberFormat.duration(seconds: buckets.width)), each value at its bucket's middle; warm-up requests left out."
    }

    /// Output tokens per second, one line per run.
    var tokensChart: Chart {
        Chart(
            id: "tokens-per-second",
            title: "Output tokens per second over time",
            x: timeAxis,
            y: ChartAxis(label: "output tokens/s"),
            series: lines(\.outputTokensPerSecond, unit: "tokens/s"),
            note: "Each token event arrives at send + TTFT + the ITL gaps before it, carrying an even share of its"
                + " request's output tokens. " + bucketNote
        )
    }

    /// Requests in flight (time-weighted mean per bucket), one line per run.
    var inFlightChart: Chart {
        Chart(
            id: "requests-in-flight",
            title: "Requests in flight over time",
            x: timeAxis,
            y: ChartAxis(label: "requests in flight (mean over the bucket)"),
            series: lines(\.requestsInFlight, unit: "in flight"),
            note: "A request is in flight from its send to its last byte. " + bucketNote
        )
    }

    /// Failures by class over time (bars by the bucket of each failure's end); nil without failures.
    var failuresChart: Chart? {
        let values = zip(runs, activities).flatMap { run, activity in
            activity.failuresByClass.map { failure in
                GroupedBars.Values(
                    name: runs.count > 1 ? "\(run.label) · \(failure.kind)" : failure.kind,
                    values: failure.counts.map(Double.init)
                )
            }
        }
        guard !values.isEmpty else { return nil }
        let buckets = buckets
        return Chart(
            id: "failures-over-time",
            title: "Failures over time",
            x: timeAxis,
            y: ChartAxis(label: "failed requests"),
            series: GroupedBars.series(
                values,
                binCount: buckets.count,
                edges: { (buckets.start(of: $0), buckets.start(of: $0 + 1)) },
                label: { name, bin, count in
                    let range = String(format: "%.3f–%.3f s", buckets.start(of: bin), buckets.start(of: bin + 1))
                    return "\(name): \(Int(count)) failed in \(range)"
                }
            ),
            note:
                "Failed requests by class, in the bucket of their end (buckets of \(ChartNumberFormat.duration(seconds: buckets.width)))."
        )
    }

    /// The request timeline of each run, the page's rows shared among the runs with requests.
    var timelines: [TimelineChart] {
        let maximumRows = RequestTimeline.maximumRows(runs: runs.count { !$0.records.isEmpty })
        return runs.map { run in
            let timeline = RequestTimeline(run: run, maximumRows: maximumRows)
            return TimelineChart(
                id: "timeline-\(run.position)",
                title: runs.count > 1 ? "Request timeline of \(run.label)" : "Request timeline",
                timeLabel: "time since the run's first counted send (s)",
                colorLabel: "mean ITL (ms)",
                rows: timeline.rows,
                note: timeline.note
            )
        }
    }

    /// One line per run of the values `path` picks, at the buckets' middles; where the renderer
    /// gives each point a hover title, a short one ("12.25 s: 3.20 in flight").
    private func lines(_ path: KeyPath<ActivityOverTime, [Double]>, unit: String) -> [ChartSeries] {
        zip(runs, activities).map { run, activity in
            let values = activity[keyPath: path]
            let titled = values.count <= ChartRenderer.pointTitleLimit
            let prefix = runs.count > 1 ? run.label + " · " : ""
            return ChartSeries(
                name: run.label,
                style: .line,
                colorIndex: run.position,
                points: values.enumerated().map { index, value in
                    let middle = buckets.start(of: index) + buckets.width / 2
                    let label = titled ? prefix + String(format: "%.2f s: %.2f ", middle, value) + unit : nil
                    return ChartPoint(x: middle, y: value, label: label)
                }
            )
        }
    }
}
