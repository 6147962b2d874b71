import Foundation

/// The charts over time of the page's runs, on one axis (seconds from each run's first counted
/// send) and in shared buckets: output tokens per second, requests in flight, failures.
struct ActivityCharts: Sendable {
    var runs: [ReportRun]
    var buckets: TimeBuckets
    /// Each run's activity, in the order of `runs`.
    var activities: [ActivityOverTime]
    /// Each run's server activity from its scraped metrics, in the order of `runs`; nil for a run
    /// without them.
    var servers: [ServerActivity?]

    init(runs: [ReportRun]) {
        self.runs = runs
        buckets = ActivityOverTime.buckets(for: runs)
        let buckets = buckets
        activities = runs.map { ActivityOverTime(run: $0, buckets: buckets) }
        servers = runs.map(ServerActivity.init(run:))
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
            series: lines(\.outputTokensPerSecond, unit: "tokens/s")
                + serverLines(\.generationTokensPerSecond, figure: "generated tokens/s", unit: "tokens/s"),
            note: "Each token event arrives at send + TTFT + the ITL gaps before it, carrying an even share of its"
                + " request's output tokens. " + bucketNote
                + serverNote(
                    "its generated tokens counter's growth between consecutive scrapes, per second (llama.cpp counts a request's tokens when it ends)"
                )
        )
    }

    /// Requests in flight (time-weighted mean per bucket), one line per run.
    var inFlightChart: Chart {
        Chart(
            id: "requests-in-flight",
            title: "Requests in flight over time",
            x: timeAxis,
            y: ChartAxis(label: "requests in flight (mean over the bucket)"),
            series: lines(\.requestsInFlight, unit: "in flight")
                + serverLines(\.requestsRunning, figure: "running", unit: "running")
                + serverLines(\.requestsWaiting, figure: "waiting", unit: "waiting"),
            note: "A request is in flight from its send to its last byte. " + bucketNote
                + serverNote("the requests it was running and holding in its queue at each scrape")
        )
    }

    /// The server's KV-cache use over time, one line per run whose server reports it; nil when none does.
    var kvCacheChart: Chart? {
        let series = serverLines(\.kvCacheUsage, figure: "KV-cache use", unit: "used")
        guard !series.isEmpty else { return nil }
        return Chart(
            id: "server-kv-cache",
            title: "Server KV-cache use over time",
            x: timeAxis,
            y: ChartAxis(label: "fraction of the KV cache in use", domain: 0...1),
            series: series,
            note: "As the server's own metrics say at each scrape (the mean over its metrics URLs)."
        )
    }

    /// Where a run has its server's metrics: what its server series show.
    private func serverNote(_ shown: String) -> String {
        guard servers.contains(where: { $0 != nil }) else { return "" }
        return " Server series (points at each scrape of its /metrics, from each case's start, before its"
            + " warm-up requests: so also before 0 s): " + shown + "."
    }

    /// One line per run with server metrics of the points `path` picks, marked at each scrape.
    private func serverLines(_ path: KeyPath<ServerActivity, [ServerActivity.Point]>, figure: String, unit: String)
        -> [ChartSeries]
    {
        zip(runs, servers).compactMap { run, server in
            guard let points = server?[keyPath: path], !points.isEmpty else { return nil }
            let name = (runs.count > 1 ? run.label + " · " : "") + "server \(figure)"
            let titled = points.count <= ChartRenderer.pointTitleLimit
            return ChartSeries(
                name: name,
                style: .linePoints,
                colorIndex: runs.count > 1 ? run.position : Self.serverColors[figure, default: 1],
                points: points.map { point in
                    let label =
                        titled ? name + String(format: " %.2f s: %.3f ", point.seconds, point.value) + unit : nil
                    return ChartPoint(x: point.seconds, y: point.value, label: label)
                }
            )
        }
    }

    /// A lone run's server figures each in their own palette colour, the client's line keeping 0.
    private static let serverColors = ["running": 1, "waiting": 2, "generated tokens/s": 1, "KV-cache use": 1]

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
