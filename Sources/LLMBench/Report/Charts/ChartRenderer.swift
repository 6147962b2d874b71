/// Draws `Chart` and `TimelineChart` as inline SVG: no script, no external reference, the same
/// bytes for the same chart. Every plotted point carries its exact values in `data-x`/`data-y`
/// (as `JSONObjectWriter.number` writes them) and its hover text in a `<title>`.
enum ChartRenderer {
    /// Series with more points than this get one hover title for the series instead of one per
    /// point (the inline script shows a point's values from its data attributes).
    static let pointTitleLimit = 300

    /// The chart as an `<svg>` element for an HTML page (no XML namespace, which HTML does not need).
    static func svg(_ chart: Chart) -> String {
        var xValues: [Double] = []
        var yValues: [Double] = []
        for series in chart.series {
            for point in series.points {
                xValues.append(point.x)
                if let xEnd = point.xEnd { xValues.append(xEnd) }
                yValues.append(point.y)
            }
            if series.style == .bars { yValues.append(0) }
        }
        let xKind = ChartScale.kind(for: chart.x.scale, values: xValues)
        let yKind = ChartScale.kind(for: chart.y.scale, values: yValues)
        let xLines = chart.referenceLines.filter { $0.orientation == .vertical }.map(\.value)
        let yLines = chart.referenceLines.filter { $0.orientation == .horizontal }.map(\.value)
        let legend = ChartLegend(chart: chart)
        let layout = ChartLayout(plotBottom: 290, legendRows: legend.rowCount)
        let x = ChartScale(
            kind: xKind,
            domain: ChartScale.domain(for: chart.x, kind: xKind, values: xValues + xLines),
            start: ChartLayout.plotLeft,
            end: ChartLayout.plotRight
        )
        let y = ChartScale(
            kind: yKind,
            domain: ChartScale.domain(for: chart.y, kind: yKind, values: yValues + yLines),
            start: layout.plotBottom,
            end: ChartLayout.plotTop
        )
        let ids = SVGIDs(chartID: chart.id)
        var svg = openSVG(ids: ids, layout: layout, title: chart.title, note: chart.note)
        svg += clipPath(ids: ids, layout: layout)
        svg += axes(x: x, y: y, xLabel: chart.x.label, yLabel: chart.y.label, layout: layout)
        svg += referenceLines(chart.referenceLines, x: x, y: y, layout: layout)
        for (index, series) in chart.series.enumerated() {
            svg += seriesGroup(series, index: index, chart: chart, x: x, y: y, ids: ids)
        }
        svg += legend.svg(layout: layout)
        svg += "</svg>"
        return svg
    }

    /// The `<figure class="chart">` that a page shows a chart in: the title as its caption, the
    /// SVG, and the note (how values were derived, what was downsampled) under it.
    static func figure(_ chart: Chart) -> String {
        figure(id: chart.id, title: chart.title, note: chart.note, svg: svg(chart))
    }

    /// The `<figure class="chart">` of a timeline.
    static func figure(_ timeline: TimelineChart) -> String {
        figure(id: timeline.id, title: timeline.title, note: timeline.note, svg: svg(timeline))
    }

    /// A `<figure class="chart" id="…">` around an already drawn `svg`.
    static func figure(id: String, title: String, note: String?, svg: String) -> String {
        var html = "<figure class=\"chart\" id=\"\(HTMLEscaping.escaped(id))\">"
        html += "<figcaption>\(HTMLEscaping.escaped(title))</figcaption>"
        html += svg
        if let note { html += "<p class=\"chart-note\">\(HTMLEscaping.escaped(note))</p>" }
        html += "</figure>"
        return html
    }

    /// The opening `<svg>` tag with its accessible name (`<title>`) and description (`<desc>`).
    static func openSVG(ids: SVGIDs, layout: ChartLayout, title: String, note: String?) -> String {
        let height = ChartNumberFormat.coordinate(layout.height)
        var svg = "<svg class=\"chart-svg\" viewBox=\"0 0 720 \(height)\" role=\"img\""
        svg += " aria-labelledby=\"\(ids.title)\""
        if note != nil { svg += " aria-describedby=\"\(ids.description)\"" }
        svg += " font-family=\"system-ui, sans-serif\" font-size=\"12\">"
        svg += "<title id=\"\(ids.title)\">\(HTMLEscaping.escaped(title))</title>"
        if let note { svg += "<desc id=\"\(ids.description)\">\(HTMLEscaping.escaped(note))</desc>" }
        return svg
    }

    /// The plot area (a few pixels wider, so markers at its edges stay whole) as a clip path.
    static func clipPath(ids: SVGIDs, layout: ChartLayout) -> String {
        let pad = 6.0
        return "<defs><clipPath id=\"\(ids.clip)\"><rect"
            + " x=\"\(ChartNumberFormat.coordinate(ChartLayout.plotLeft - pad))\""
            + " y=\"\(ChartNumberFormat.coordinate(ChartLayout.plotTop - pad))\""
            + " width=\"\(ChartNumberFormat.coordinate(layout.plotWidth + 2 * pad))\""
            + " height=\"\(ChartNumberFormat.coordinate(layout.plotHeight + 2 * pad))\"/></clipPath></defs>"
    }
}

/// The ids inside one chart's SVG, derived from the chart's id so that charts on a page differ.
struct SVGIDs: Sendable {
    let title: String
    let description: String
    let clip: String
    let gradient: String

    init(chartID: String) {
        let base = HTMLEscaping.escaped(chartID)
        title = base + "-title"
        description = base + "-desc"
        clip = base + "-clip"
        gradient = base + "-gradient"
    }
}
