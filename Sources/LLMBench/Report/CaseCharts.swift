import Foundation

/// The charts of one case (or step) across the page's runs: the latency distributions and the
/// prompt and output lengths, one series per run that ran it.
struct CaseCharts: Sendable {
    /// The case and the runs that ran it.
    var reportCase: ReportCase
    /// Each run's counted records of the case, with the run; runs without the case left out.
    var runs: [(run: ReportRun, records: [RecordSample])]
    /// The most points one CDF series keeps.
    var maximumPoints: Int

    init(_ reportCase: ReportCase, maximumPoints: Int = CumulativeDistribution.maximumPoints) {
        self.reportCase = reportCase
        self.maximumPoints = maximumPoints
        runs = reportCase.entries.map { ($0.run, $0.records) }
    }

    /// The id prefix of the case's charts in the page.
    var idPrefix: String { reportCase.chartPrefix }

    /// One CDF per charted metric with values, one step series per run.
    var distributionCharts: [Chart] {
        LatencyMetric.allCases.filter(\.hasDistributionChart).compactMap { metric in
            let distributions = runs.map {
                ($0.run, CumulativeDistribution(metric: metric, records: $0.records, maximumPoints: maximumPoints))
            }
            .filter { $0.1.count > 0 }
            guard !distributions.isEmpty else { return nil }
            let downsampled = distributions.filter { $0.1.isDownsampled }.map {
                "\($0.1.points.count) of \($0.1.count)"
            }
            var note = "Cumulative share of the \(metric.reportName) values of the counted requests"
            note += metric.coversFailedRequests ? " (failed ones included)." : " (successful ones)."
            if !downsampled.isEmpty {
                note +=
                    " Drawn: \(downsampled.joined(separator: ", ")) values, always the smallest, the largest and the two"
                    + " each of p50, p90, p95 and p99 lies between, the rest evenly spaced in rank."
            }
            return Chart(
                id: "\(idPrefix)-cdf-\(metric.columnPrefix)",
                title: "\(metric.reportName) distribution (CDF)",
                x: ChartAxis.fitted(
                    label: "\(metric.reportName) (ms)",
                    values: distributions.flatMap { $0.1.points.map(\.value) }
                ),
                y: ChartAxis(label: "cumulative share of values", domain: 0...1),
                series: distributions.map { run, distribution in
                    ChartSeries(
                        name: run.label,
                        style: .step,
                        colorIndex: run.position,
                        points: Self.points(of: distribution, named: runs.count > 1 ? run.label : nil)
                    )
                },
                note: note
            )
        }
    }

    /// The CDF's points; where the renderer gives each point a hover title, a short one
    /// ("41.77 ms: 50.0 % at or below"), the run's name first when several runs share the chart.
    private static func points(of distribution: CumulativeDistribution, named name: String?) -> [ChartPoint] {
        let titled = distribution.points.count <= ChartRenderer.pointTitleLimit
        return distribution.points.map { point in
            var label: String?
            if titled {
                label = String(format: "%.2f ms: %.1f %% at or below", point.value, point.fraction * 100)
                if let name { label = name + " · " + (label ?? "") }
            }
            return ChartPoint(x: point.value, y: point.fraction, label: label)
        }
    }

    /// The prompt and output length histograms: as asked and as counted, per run, on shared bins.
    var lengthCharts: [Chart] {
        [
            ("prompt-lengths", "Prompt lengths", "prompt length (tokens)", LengthHistogram.promptLengths(of:)),
            ("output-lengths", "Output lengths", "output length (tokens)", LengthHistogram.outputLengths(of:)),
        ].compactMap { id, title, axis, lengths -> Chart? in
            let histogram = LengthHistogram(
                runs.flatMap { entry in
                    lengths(entry.records).map {
                        (runs.count > 1 ? "\(entry.run.label) · \($0.name)" : $0.name, $0.values)
                    }
                }
            )
            guard !histogram.series.isEmpty else { return nil }
            let series = GroupedBars.series(
                histogram.series.map { GroupedBars.Values(name: $0.name, values: $0.counts.map(Double.init)) },
                binCount: histogram.binCount,
                edges: { (Double(histogram.binStart($0)), Double(histogram.binStart($0 + 1))) },
                label: { name, bin, count in
                    let first = histogram.binStart(bin)
                    let range = histogram.width == 1 ? "\(first)" : "\(first)–\(histogram.binStart(bin + 1) - 1)"
                    return "\(name): \(Int(count)) requests of \(range) tokens"
                }
            )
            return Chart(
                id: "\(idPrefix)-\(id)",
                title: title,
                x: ChartAxis.fitted(
                    label: axis,
                    values: [Double(histogram.lower), Double(histogram.binStart(histogram.binCount))],
                    padding: Double(histogram.width)
                ),
                y: ChartAxis(label: "requests"),
                series: series,
                note:
                    "Asked: every counted request; as counted: the successful ones. The bars of a bin stand side by side."
            )
        }
    }
}
