/// The colours of a timeline's rows: the streaming part by its value along viridis (in equal
/// buckets between the smallest and largest value), failures, rows without a first token and rows
/// without a value apart; and the legend that explains them.
struct TimelineColors: Sendable {
    /// Which colour a row takes; rows of one key are drawn in one group.
    enum Key: Sendable, Hashable, Comparable {
        case bucket(Int)
        case neutral
        case noToken
        case failed

        var className: String {
            switch self {
            case .bucket(let index): "c\(index)"
            case .neutral: "neutral"
            case .noToken: "no-token"
            case .failed: "failed"
            }
        }
    }

    /// The smallest and largest colour value; nil when no row has one.
    let range: ClosedRange<Double>?
    let buckets: Int

    init(values: [Double], buckets: Int) {
        let finite = values.filter(\.isFinite)
        if let low = finite.min(), let high = finite.max() { range = low...high } else { range = nil }
        self.buckets = max(1, buckets)
    }

    func key(for row: TimelineRow) -> Key {
        if row.isFailed { return .failed }
        guard row.firstToken != nil else { return .noToken }
        guard let value = row.colorValue, value.isFinite, range != nil else { return .neutral }
        return .bucket(min(buckets - 1, Int(fraction(of: value) * Double(buckets))))
    }

    func color(of key: Key) -> String {
        switch key {
        case .bucket(let index): ChartPalette.sequential((Double(index) + 0.5) / Double(buckets))
        case .neutral: ChartPalette.neutral
        case .noToken: ChartPalette.waiting
        case .failed: ChartPalette.failure
        }
    }

    /// Where `value` lies between the smallest and largest value (0.5 when they are equal).
    func fraction(of value: Double) -> Double {
        guard let range, range.upperBound > range.lowerBound else { return 0.5 }
        return min(max((value - range.lowerBound) / (range.upperBound - range.lowerBound), 0), 1)
    }

    /// Two legend rows: the colour bar from the smallest to the largest value with the label
    /// (skipped when no row has a value), then the keys for waiting, no value and failed.
    func legend(layout: ChartLayout, label: String, ids: SVGIDs) -> String {
        let format = ChartNumberFormat.coordinate
        var svg = "<g class=\"legend\">"
        let top = layout.legendTop
        if let range {
            svg += "<defs><linearGradient id=\"\(ids.gradient)\">"
            for step in 0...10 {
                let offset = Double(step) / 10
                svg += "<stop offset=\"\(format(offset))\" stop-color=\"\(ChartPalette.sequential(offset))\"/>"
            }
            svg += "</linearGradient></defs>"
            let low = ChartNumberFormat.display(range.lowerBound)
            let high = ChartNumberFormat.display(range.upperBound)
            let lowLeft = ChartLayout.plotLeft + Double(label.count) * ChartLegend.characterWidth + 10
            let barStart = lowLeft + Double(low.count) * ChartLegend.characterWidth + 6
            svg += "<g class=\"legend-scale\" data-min=\"\(JSONObjectWriter.number(range.lowerBound))\""
            svg += " data-max=\"\(JSONObjectWriter.number(range.upperBound))\">"
            svg += "<text x=\"\(format(ChartLayout.plotLeft))\" y=\"\(format(top + 4))\">"
            svg += "\(HTMLEscaping.escaped(label))</text>"
            svg += "<text x=\"\(format(lowLeft))\" y=\"\(format(top + 4))\">\(low)</text>"
            svg += "<rect x=\"\(format(barStart))\" y=\"\(format(top - 5))\" width=\"160\" height=\"10\""
            svg += " fill=\"url(#\(ids.gradient))\"/>"
            svg += "<text x=\"\(format(barStart + 166))\" y=\"\(format(top + 4))\">\(high)</text>"
            svg += "</g>"
        }
        let keyTop = top + (range == nil ? 0 : ChartLayout.legendRowHeight)
        var column = ChartLayout.plotLeft
        for (text, color, isFailure) in [
            ("before the first token", ChartPalette.waiting, false),
            ("no value", ChartPalette.neutral, false),
            ("failed", ChartPalette.failure, true),
        ] {
            svg += "<g class=\"legend-key\" transform=\"translate(\(format(column)) \(format(keyTop)))\">"
            svg += "<path d=\"M0 0H20\" stroke=\"\(color)\" stroke-width=\"6\"/>"
            if isFailure { svg += "<path d=\"M17 -3l6 6m0 -6l-6 6\" stroke=\"\(color)\" stroke-width=\"1.5\"/>" }
            svg += "<text x=\"26\" y=\"4\">\(text)</text></g>"
            column += ChartLegend.width(of: text) + 18
        }
        svg += "</g>"
        return svg
    }
}
