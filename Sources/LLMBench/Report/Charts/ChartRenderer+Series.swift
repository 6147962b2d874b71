extension ChartRenderer {
    /// One series in its `<g class="series">`: the line, step or bars, then a marker per point
    /// (invisible for lines and steps, where it only carries the values and the hover text), then
    /// the highlighted points, larger and ringed.
    static func seriesGroup(
        _ series: ChartSeries,
        index: Int,
        chart: Chart,
        x: ChartScale,
        y: ChartScale,
        ids: SVGIDs
    ) -> String {
        let look = ChartPalette.series(series.colorIndex)
        // A bar that starts at or below a logarithmic axis's bottom starts at the bottom.
        let isBars = series.style == .bars
        let placed = series.points.map { point in
            let px = isBars ? barEdge(point.x, on: x) : x.position(point.x)
            return px.flatMap { px in y.position(point.y).map { py in (px, py) } }
        }
        let titlesEachPoint = series.points.count <= pointTitleLimit
        let hover = HoverText(seriesName: series.name, xLabel: chart.x.label, yLabel: chart.y.label)
        var svg = "<g class=\"series\" data-series=\"\(HTMLEscaping.escaped(series.name))\" data-index=\"\(index)\""
        svg += " fill=\"\(look.color)\" stroke=\"\(look.color)\" clip-path=\"url(#\(ids.clip))\">"
        if !titlesEachPoint {
            svg += "<title>\(HTMLEscaping.escaped(series.name)) (\(series.points.count) points)</title>"
        }
        switch series.style {
        case .line, .linePoints, .step:
            svg += linePath(placed, isStep: series.style == .step, dashes: look.dashes)
        case .points, .bars:
            break
        }
        let isVisibleMarker = series.style == .linePoints || series.style == .points
        if isBars {
            svg += "<g class=\"points\" fill-opacity=\"0.55\">"
        } else if isVisibleMarker {
            svg += "<g class=\"points\" stroke=\"#FFFFFF\" stroke-width=\"0.8\">"
        } else {
            svg += "<g class=\"points hits\" fill-opacity=\"0\" stroke=\"none\">"
        }
        for (point, position) in zip(series.points, placed) where !point.isHighlighted {
            guard let (px, py) = position else { continue }
            let title = titlesEachPoint || point.label != nil ? hover.text(for: point) : nil
            if isBars {
                svg += bar(point, left: px, top: py, x: x, y: y, title: title)
            } else {
                let shape = isVisibleMarker ? look.marker : .circle
                svg += marker(shape, at: (px, py), radius: isVisibleMarker ? 3 : 4, point: point, title: title)
            }
        }
        svg += "</g>"
        for (point, position) in zip(series.points, placed) where point.isHighlighted {
            guard let (px, py) = position else { continue }
            svg += "<g class=\"highlight\"><circle class=\"ring\" fill=\"none\" stroke-width=\"2\""
            svg += " cx=\"\(ChartNumberFormat.coordinate(px))\" cy=\"\(ChartNumberFormat.coordinate(py))\" r=\"9\"/>"
            svg += marker(look.marker, at: (px, py), radius: 5, point: point, title: hover.text(for: point))
            svg += "</g>"
        }
        svg += "</g>"
        return svg
    }

    /// The points joined in order (or as a step function: across to the next x, then up or
    /// down); a point that cannot be placed breaks the line.
    private static func linePath(_ placed: [(Double, Double)?], isStep: Bool, dashes: String?) -> String {
        var path = ""
        var previous: (Double, Double)?
        for position in placed {
            guard let (px, py) = position else {
                previous = nil
                continue
            }
            let (cx, cy) = (ChartNumberFormat.coordinate(px), ChartNumberFormat.coordinate(py))
            if previous == nil {
                path += "M\(cx) \(cy)"
            } else if isStep {
                path += "H\(cx)V\(cy)"
            } else {
                path += "L\(cx) \(cy)"
            }
            previous = (px, py)
        }
        guard !path.isEmpty else { return "" }
        var svg = "<path class=\"series-line\" fill=\"none\" stroke-width=\"2\""
        if let dashes { svg += " stroke-dasharray=\"\(dashes)\"" }
        svg += " d=\"\(path)\"/>"
        return svg
    }

    /// A histogram bar from `x` to `xEnd` (6 pixels wide without one), from 0 (or the axis's
    /// bottom) up to `y`.
    private static func bar(
        _ point: ChartPoint,
        left: Double,
        top: Double,
        x: ChartScale,
        y: ChartScale,
        title: String?
    ) -> String {
        var (start, end) = (left - 3, left + 3)
        if let xEnd = point.xEnd, let right = barEdge(xEnd, on: x) {
            (start, end) = (min(left, right), max(left, right))
        }
        let base = y.clampedPosition(0)
        let (upper, lower) = (min(top, base), max(top, base))
        var svg = "<rect x=\"\(ChartNumberFormat.coordinate(start))\" y=\"\(ChartNumberFormat.coordinate(upper))\""
        svg += " width=\"\(ChartNumberFormat.coordinate(max(end - start, 0.5)))\""
        svg += " height=\"\(ChartNumberFormat.coordinate(lower - upper))\""
        svg += dataAttributes(point)
        return svg + close("rect", title: title)
    }

    /// A bar's edge: where `value` is, or the axis's start for a value at or below a
    /// logarithmic axis's bottom (a histogram's first bin from 0).
    private static func barEdge(_ value: Double, on x: ChartScale) -> Double? {
        if x.kind == .logarithmic, value.isFinite, value <= x.domain.lowerBound { return x.start }
        return x.position(value)
    }

    /// A marker of `shape` centred at `position` carrying the point's values.
    private static func marker(
        _ shape: ChartPalette.MarkerShape,
        at position: (Double, Double),
        radius: Double,
        point: ChartPoint,
        title: String?
    ) -> String {
        let (px, py) = position
        let format = ChartNumberFormat.coordinate
        var svg: String
        switch shape {
        case .circle:
            svg = "<circle cx=\"\(format(px))\" cy=\"\(format(py))\" r=\"\(format(radius))\""
        case .square:
            let side = radius * 1.8
            svg = "<rect x=\"\(format(px - side / 2))\" y=\"\(format(py - side / 2))\""
            svg += " width=\"\(format(side))\" height=\"\(format(side))\""
        case .triangle:
            let r = radius * 1.25
            svg = "<path d=\"M\(format(px)) \(format(py - r))L\(format(px + r)) \(format(py + r * 0.8))"
            svg += "H\(format(px - r))Z\""
        case .diamond:
            let r = radius * 1.3
            svg = "<path d=\"M\(format(px)) \(format(py - r))L\(format(px + r)) \(format(py))"
            svg += "L\(format(px)) \(format(py + r))L\(format(px - r)) \(format(py))Z\""
        }
        svg += dataAttributes(point)
        return svg + close(shape == .circle ? "circle" : (shape == .square ? "rect" : "path"), title: title)
    }

    private static func dataAttributes(_ point: ChartPoint) -> String {
        var text = " data-x=\"\(JSONObjectWriter.number(point.x))\" data-y=\"\(JSONObjectWriter.number(point.y))\""
        if let xEnd = point.xEnd { text += " data-x-end=\"\(JSONObjectWriter.number(xEnd))\"" }
        return text
    }

    /// Ends an element's start tag: self-closed, or with a `<title>` child.
    static func close(_ element: String, title: String?) -> String {
        guard let title else { return "/>" }
        return "><title>\(HTMLEscaping.escaped(title))</title></\(element)>"
    }
}

/// The hover text of a point without its own label: series, then both values with their axes.
struct HoverText: Sendable {
    let seriesName: String
    let xLabel: String
    let yLabel: String

    func text(for point: ChartPoint) -> String {
        if let label = point.label { return label }
        var x = ChartNumberFormat.display(point.x)
        if let xEnd = point.xEnd { x += "–" + ChartNumberFormat.display(xEnd) }
        return "\(seriesName): \(xLabel) \(x), \(yLabel) \(ChartNumberFormat.display(point.y))"
    }
}
