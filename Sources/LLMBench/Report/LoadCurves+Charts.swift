import Foundation

extension LoadCurves {
    /// Latency against load: one chart per metric, a p50 and a p99 series per curve.
    var latencyCharts: [Chart] {
        [LatencyMetric.ttft, .tpot, .itl].compactMap { metric in
            let series = curves.flatMap { curve in
                ["p50", "p99"].map { statistic in
                    (
                        name: "\(curve.name) · \(statistic)",
                        points: curve.points.compactMap { point -> ChartPoint? in
                            point.results.number("\(metric.columnPrefix)_\(statistic)_ms").map {
                                ChartPoint(x: point.load, y: $0)
                            }
                        }
                    )
                }
            }
            return Self.chart(
                id: "load-\(metric.columnPrefix)",
                title: "\(metric.reportName) p50 and p99 against load",
                x: ChartAxis(label: axis.label, scale: .automatic),
                y: ChartAxis(label: "\(metric.reportName) (ms)", scale: .automatic),
                series: series,
                note: "Each point is a step's \(metric.columnPrefix)_p50_ms or \(metric.columnPrefix)_p99_ms."
            )
        }
    }

    /// Output throughput against load.
    var throughputChart: Chart? {
        Self.chart(
            id: "load-throughput",
            title: "Output throughput against load",
            x: ChartAxis(label: axis.label, scale: .automatic),
            y: ChartAxis(label: "output throughput (tokens/s)"),
            series: curves.map { curve in
                (
                    curve.name,
                    curve.points.compactMap { point in
                        point.results.number("output_throughput_tps").map { ChartPoint(x: point.load, y: $0) }
                    }
                )
            },
            note: "Each point is a step's output_throughput_tps."
        )
    }

    /// The metrics and statistics the throughput–latency charts plot: each SLO-targeted metric at
    /// the SLO percentile (p99 when the results have no column for it), else TTFT p99 and E2E p99.
    var throughputLatencyMetrics: [(metric: LatencyMetric, statistic: String)] {
        let statistic = [50.0, 90, 95, 99].contains(percentile) ? "p\(Int(percentile))" : "p99"
        var metrics: [LatencyMetric] = []
        for target in targets where !metrics.contains(target.metric) { metrics.append(target.metric) }
        if metrics.isEmpty { return [(.ttft, "p99"), (.e2e, "p99")] }
        return metrics.map { ($0, statistic) }
    }

    /// Latency against output throughput, with the SLO targets as lines and each curve's highest
    /// load that met the SLOs marked.
    var throughputLatencyCharts: [Chart] {
        throughputLatencyMetrics.compactMap { metric, statistic in
            let column = "\(metric.columnPrefix)_\(statistic)_ms"
            let lines = targets.filter { $0.metric == metric }.map {
                ChartReferenceLine(
                    orientation: .horizontal,
                    value: $0.milliseconds,
                    label: "SLO \(metric.reportName) \(statistic) ≤ \(JSONObjectWriter.number($0.milliseconds)) ms"
                )
            }
            let marked = targets.isEmpty ? "" : " The larger point of each curve is its highest load that met the SLOs."
            return Self.chart(
                id: "throughput-\(metric.columnPrefix)",
                title: "\(metric.reportName) \(statistic) against output throughput",
                x: ChartAxis(label: "output throughput (tokens/s)"),
                y: ChartAxis(label: "\(metric.reportName) \(statistic) (ms)", scale: .automatic),
                series: curves.map { curve in
                    (
                        curve.name,
                        curve.points.compactMap { point in
                            guard let x = point.results.number("output_throughput_tps"),
                                let y = point.results.number(column)
                            else { return nil }
                            return ChartPoint(
                                x: x,
                                y: y,
                                label: pointLabel(point, y: y, unit: "ms"),
                                isHighlighted: point.isBest
                            )
                        }
                    )
                },
                referenceLines: lines,
                note: "x = output_throughput_tps, y = \(column), one point per step." + marked
            )
        }
    }

    /// The Pareto view: output tokens per second per user against total output tokens per second.
    var paretoChart: Chart? {
        Self.chart(
            id: "pareto",
            title: "Output tokens/s per user against total output tokens/s",
            x: ChartAxis(label: "total output throughput (tokens/s)"),
            y: ChartAxis(label: "output tokens/s per user"),
            series: curves.map { curve in
                (
                    curve.name,
                    curve.points.compactMap { point in
                        guard let x = point.results.number("output_throughput_tps"),
                            let tpot = point.results.number("tpot_mean_ms"), tpot > 0
                        else { return nil }
                        let y = 1000 / tpot
                        return ChartPoint(x: x, y: y, label: pointLabel(point, y: y, unit: "tokens/s per user"))
                    }
                )
            },
            note: "x = output_throughput_tps; y = 1000 / tpot_mean_ms (the tokens per second one user sees)."
        )
    }

    /// The hover text of a point: its load and value.
    private func pointLabel(_ point: Point, y: Double, unit: String) -> String {
        let load =
            axis == .rate ? "rate \(JSONObjectWriter.number(point.load))/s" : "c=\(JSONObjectWriter.number(point.load))"
        return "\(load): \(String(format: "%.2f", y)) \(unit)"
            + (point.isBest ? " (highest load meeting the SLOs)" : "")
    }

    /// A chart of `series`, with the curves' colours in order; nil when no series has a point.
    private static func chart(
        id: String,
        title: String,
        x: ChartAxis,
        y: ChartAxis,
        series: [(name: String, points: [ChartPoint])],
        referenceLines: [ChartReferenceLine] = [],
        note: String
    ) -> Chart? {
        guard series.contains(where: { !$0.points.isEmpty }) else { return nil }
        return Chart(
            id: id,
            title: title,
            x: x,
            y: y,
            series: series.enumerated().map { index, entry in
                ChartSeries(name: entry.name, style: .linePoints, colorIndex: index, points: entry.points)
            },
            referenceLines: referenceLines,
            note: note
        )
    }
}
