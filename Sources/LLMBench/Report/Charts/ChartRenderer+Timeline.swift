extension ChartRenderer {
    /// Timelines with more rows than this get no hover title per row (rows are too thin to point
    /// at; the inline script reads `data-t` instead).
    static let rowTitleLimit = 400
    /// How many colours the streaming parts are bucketed into, along viridis.
    static let colorBuckets = 32

    /// The request timeline as an `<svg>` element: one row per request, top to bottom, grey from
    /// its send to its first token and coloured by its value from there to its end; failed rows
    /// in vermillion with a cross at their end. Each row's element (the streaming part, or the
    /// whole row without a first token) carries `data-i` (its position) and
    /// `data-t="start,firstToken,end"` (firstToken empty when nil) with the exact times.
    static func svg(_ timeline: TimelineChart) -> String {
        let rows = timeline.rows.enumerated().filter { $0.element.start.isFinite && $0.element.end.isFinite }
        let geometry = TimelineGeometry(rowCount: timeline.rows.count)
        let layout = ChartLayout(plotBottom: ChartLayout.plotTop + geometry.plotHeight, legendRows: 2)
        let times = rows.flatMap { [$0.element.start, $0.element.end] + ($0.element.firstToken.map { [$0] } ?? []) }
        let timeAxis = ChartAxis(label: timeline.timeLabel)
        let x = ChartScale(
            kind: .linear,
            domain: ChartScale.domain(for: timeAxis, kind: .linear, values: times),
            start: ChartLayout.plotLeft,
            end: ChartLayout.plotRight
        )
        let rowScale = ChartScale(
            kind: .linear,
            domain: 0...Double(max(1, timeline.rows.count)),
            start: ChartLayout.plotTop,
            end: ChartLayout.plotTop + geometry.rowPitch * Double(max(1, timeline.rows.count))
        )
        let colors = TimelineColors(values: rows.compactMap(\.element.colorValue), buckets: colorBuckets)
        let ids = SVGIDs(chartID: timeline.id)

        var svg = openSVG(ids: ids, layout: layout, title: timeline.title, note: timeline.note)
        svg += axes(x: x, y: rowScale, xLabel: timeline.timeLabel, yLabel: "request (row)", layout: layout)
        svg += timelineRows(rows, x: x, geometry: geometry, colors: colors)
        svg += colors.legend(layout: layout, label: timeline.colorLabel, ids: ids)
        svg += "</svg>"
        return svg
    }

    private static func timelineRows(
        _ rows: [(offset: Int, element: TimelineRow)],
        x: ChartScale,
        geometry: TimelineGeometry,
        colors: TimelineColors
    ) -> String {
        let hasTitles = rows.count <= rowTitleLimit
        var waiting = ""
        var crosses = ""
        var groups: [TimelineColors.Key: String] = [:]
        for (index, row) in rows {
            let centre = ChartNumberFormat.coordinate(geometry.centre(ofRow: index))
            let start = x.position(row.start) ?? ChartLayout.plotLeft
            let end = max(x.position(row.end) ?? start, start)
            var streamStart = start
            if let firstToken = row.firstToken, let first = x.position(firstToken) {
                streamStart = min(max(first, start), end)
                if streamStart > start {
                    waiting +=
                        "M\(ChartNumberFormat.coordinate(start)) \(centre)H\(ChartNumberFormat.coordinate(streamStart))"
                }
            }
            let key = colors.key(for: row)
            let times = [row.start, row.firstToken, row.end].map { time in
                time.flatMap { $0.isFinite ? JSONObjectWriter.number($0) : nil } ?? ""
            }
            var element = "<path data-i=\"\(index)\" data-t=\"\(times.joined(separator: ","))\""
            element += " d=\"M\(ChartNumberFormat.coordinate(streamStart)) \(centre)"
            element += "H\(ChartNumberFormat.coordinate(max(end, streamStart + 0.5)))\""
            element += close("path", title: hasTitles ? row.label : nil)
            groups[key, default: ""] += element
            if row.isFailed {
                let (cx, cy) = (end, geometry.centre(ofRow: index))
                crosses +=
                    "M\(ChartNumberFormat.coordinate(cx - 3)) \(ChartNumberFormat.coordinate(cy - 3))l6 6m0 -6l-6 6"
            }
        }
        let width = ChartNumberFormat.coordinate(geometry.barHeight)
        var svg = "<g class=\"timeline-rows\" fill=\"none\" stroke-width=\"\(width)\">"
        if !waiting.isEmpty { svg += "<path class=\"waiting\" stroke=\"\(ChartPalette.waiting)\" d=\"\(waiting)\"/>" }
        for key in groups.keys.sorted() {
            svg += "<g class=\"\(key.className)\" stroke=\"\(colors.color(of: key))\">\(groups[key] ?? "")</g>"
        }
        svg += "</g>"
        if !crosses.isEmpty {
            svg += "<path class=\"failure-marks\" fill=\"none\" stroke=\"\(ChartPalette.failure)\" stroke-width=\"1.5\""
            svg += " d=\"\(crosses)\"/>"
        }
        return svg
    }
}

/// The vertical sizes of a timeline: rows 14 pixels apart when few, thinner as they grow, down to
/// half a pixel (a 600-pixel plot up to 1,200 rows, 750 pixels at 1,500).
struct TimelineGeometry: Sendable {
    let rowPitch: Double
    let rowCount: Int

    init(rowCount: Int) {
        self.rowCount = rowCount
        rowPitch = min(14, max(0.5, 600 / Double(max(1, rowCount))))
    }

    var plotHeight: Double { max(84, rowPitch * Double(rowCount)) }
    /// Rows a few pixels high keep a gap between them; thinner ones touch.
    var barHeight: Double { rowPitch >= 3 ? (rowPitch * 0.7).rounded() : rowPitch }

    func centre(ofRow index: Int) -> Double {
        ChartLayout.plotTop + rowPitch * (Double(index) + 0.5)
    }
}
