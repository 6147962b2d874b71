extension HTMLReport {
    /// Sweeps and compared runs: latency and throughput against load, the throughput–latency
    /// curve with the SLOs, and the Pareto view.
    func loadSection(_ load: LoadCurves) -> String {
        var html = "<p>One curve per case of each run, one point per step, every value a column of the step's results"
        html += load.axis == .rate ? " (load = target rate).</p>" : " (load = concurrency).</p>"
        let charts =
            load.latencyCharts + [load.throughputChart].compactMap { $0 } + load.throughputLatencyCharts
            + [load.paretoChart].compactMap { $0 }
        return html + "<div class=\"charts\">" + charts.map(ChartRenderer.figure).joined() + "</div>"
    }

    /// Output tokens per second, requests in flight and failures over time, and each run's
    /// request timeline.
    var overTimeSection: String {
        let activity = ActivityCharts(runs: runs)
        guard runs.contains(where: { !$0.records.isEmpty }) else {
            return "<p>The runs' request files hold no counted request.</p>"
        }
        var html = "<div class=\"charts\">"
        html += ChartRenderer.figure(activity.tokensChart) + ChartRenderer.figure(activity.inFlightChart)
        if let kvCache = activity.kvCacheChart { html += ChartRenderer.figure(kvCache) }
        if let failures = activity.failuresChart { html += ChartRenderer.figure(failures) }
        html += "</div>"
        for timeline in activity.timelines where !timeline.rows.isEmpty {
            html += "<div class=\"charts wide\">" + ChartRenderer.figure(timeline) + "</div>"
        }
        return html
    }
}
