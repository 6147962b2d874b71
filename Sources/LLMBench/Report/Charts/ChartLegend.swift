/// The legend under a chart: one entry per series (its swatch drawn as the series is), then one
/// per highlighted point, laid out in rows that wrap at the chart's width.
struct ChartLegend: Sendable {
    /// One entry: its swatch and text, and where it sits.
    struct Entry: Sendable {
        /// The series's palette look and style, or nil for a highlighted point.
        let series: (index: Int, look: ChartPalette.SeriesLook, style: ChartSeries.Style)?
        let markerColor: String
        let text: String
        var column = 0.0
        var row = 0
    }

    /// An estimate of a 12-pixel system font's mean character width.
    static let characterWidth = 6.6
    private static let swatchWidth = 26.0
    private static let gap = 18.0

    private(set) var entries: [Entry]
    private(set) var rowCount: Int

    init(chart: Chart) {
        var entries: [Entry] = []
        for (index, series) in chart.series.enumerated() {
            let look = ChartPalette.series(series.colorIndex)
            entries.append(Entry(series: (index, look, series.style), markerColor: look.color, text: series.name))
        }
        for series in chart.series {
            let look = ChartPalette.series(series.colorIndex)
            let hover = HoverText(seriesName: series.name, xLabel: chart.x.label, yLabel: chart.y.label)
            for point in series.points where point.isHighlighted {
                entries.append(Entry(series: nil, markerColor: look.color, text: hover.text(for: point)))
            }
        }
        self.init(entries: entries)
    }

    /// Entries laid out from the plot's left edge, wrapping before the chart's right edge.
    init(entries: [Entry]) {
        var laidOut: [Entry] = []
        var column = ChartLayout.plotLeft
        var row = 0
        for var entry in entries {
            let width = Self.width(of: entry.text)
            if column > ChartLayout.plotLeft, column + width > ChartLayout.width - 8 {
                row += 1
                column = ChartLayout.plotLeft
            }
            entry.column = column
            entry.row = row
            laidOut.append(entry)
            column += width + Self.gap
        }
        self.entries = laidOut
        self.rowCount = laidOut.isEmpty ? 0 : row + 1
    }

    /// The most characters an entry shows: one entry fits a row.
    static let maximumLength = 90

    static func width(of text: String) -> Double {
        swatchWidth + Double(shortened(text).count) * characterWidth
    }

    /// `text`, cut with an ellipsis when longer than `maximumLength` (its hover title is whole).
    static func shortened(_ text: String) -> String {
        text.count <= maximumLength ? text : String(text.prefix(maximumLength - 1)) + "…"
    }

    /// The legend's `<g class="legend">`.
    func svg(layout: ChartLayout) -> String {
        var svg = "<g class=\"legend\">"
        for entry in entries {
            let top = layout.legendTop + Double(entry.row) * ChartLayout.legendRowHeight
            let translate =
                "translate(\(ChartNumberFormat.coordinate(entry.column)) \(ChartNumberFormat.coordinate(top)))"
            if let series = entry.series {
                svg += "<g class=\"legend-item\" data-series-index=\"\(series.index)\""
                svg += " data-series=\"\(HTMLEscaping.escaped(entry.text))\" transform=\"\(translate)\">"
                svg += Self.swatch(look: series.look, style: series.style)
            } else {
                svg += "<g class=\"legend-mark\" transform=\"\(translate)\">"
                svg += "<circle r=\"5\" cx=\"10\" fill=\"none\" stroke=\"\(entry.markerColor)\" stroke-width=\"2\"/>"
                svg += "<circle r=\"2.5\" cx=\"10\" fill=\"\(entry.markerColor)\"/>"
            }
            let shown = Self.shortened(entry.text)
            if shown != entry.text { svg += "<title>\(HTMLEscaping.escaped(entry.text))</title>" }
            svg += "<text x=\"\(ChartNumberFormat.coordinate(Self.swatchWidth))\" y=\"4\">"
            svg += "\(HTMLEscaping.escaped(shown))</text></g>"
        }
        svg += "</g>"
        return svg
    }

    /// A small drawing of the series: a bar, a line (dashed after the eighth colour), a marker.
    private static func swatch(look: ChartPalette.SeriesLook, style: ChartSeries.Style) -> String {
        var svg = ""
        switch style {
        case .bars:
            svg += "<rect x=\"2\" y=\"-5\" width=\"16\" height=\"10\" fill=\"\(look.color)\" fill-opacity=\"0.55\""
            svg += " stroke=\"\(look.color)\"/>"
        case .line, .linePoints, .step:
            svg += "<path d=\"M0 0H20\" stroke=\"\(look.color)\" stroke-width=\"2\""
            if let dashes = look.dashes { svg += " stroke-dasharray=\"\(dashes)\"" }
            svg += "/>"
        case .points:
            break
        }
        if style == .linePoints || style == .points {
            svg += markerSwatch(look)
        }
        return svg
    }

    private static func markerSwatch(_ look: ChartPalette.SeriesLook) -> String {
        let paint = " fill=\"\(look.color)\" stroke=\"#FFFFFF\" stroke-width=\"0.8\""
        switch look.marker {
        case .circle: return "<circle cx=\"10\" r=\"3.5\"\(paint)/>"
        case .square: return "<rect x=\"6.8\" y=\"-3.2\" width=\"6.4\" height=\"6.4\"\(paint)/>"
        case .triangle: return "<path d=\"M10 -4.4L14.4 3.5H5.6Z\"\(paint)/>"
        case .diamond: return "<path d=\"M10 -4.6L14.6 0L10 4.6L5.4 0Z\"\(paint)/>"
        }
    }
}
