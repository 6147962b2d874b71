extension ChartRenderer {
    /// Gridlines, the two axis lines, tick labels and the axis labels (with their units).
    static func axes(x: ChartScale, y: ChartScale, xLabel: String, yLabel: String, layout: ChartLayout) -> String {
        let left = ChartNumberFormat.coordinate(ChartLayout.plotLeft)
        let right = ChartNumberFormat.coordinate(ChartLayout.plotRight)
        let top = ChartNumberFormat.coordinate(ChartLayout.plotTop)
        let bottom = ChartNumberFormat.coordinate(layout.plotBottom)
        let xTicks = x.ticks().compactMap { tick in x.position(tick.value).map { (tick, $0) } }
        let yTicks = y.ticks().compactMap { tick in y.position(tick.value).map { (tick, $0) } }

        var major = ""
        var minor = ""
        for (tick, pixel) in xTicks {
            let line = "M\(ChartNumberFormat.coordinate(pixel)) \(top)V\(bottom)"
            if tick.label == nil { minor += line } else { major += line }
        }
        for (tick, pixel) in yTicks {
            let line = "M\(left) \(ChartNumberFormat.coordinate(pixel))H\(right)"
            if tick.label == nil { minor += line } else { major += line }
        }
        var svg = "<g class=\"axes\">"
        if !minor.isEmpty { svg += "<path class=\"grid minor\" stroke=\"#EEEEEE\" d=\"\(minor)\"/>" }
        if !major.isEmpty { svg += "<path class=\"grid\" stroke=\"\(ChartPalette.grid)\" d=\"\(major)\"/>" }
        svg += "<path class=\"axis-line\" fill=\"none\" stroke=\"\(ChartPalette.ink)\""
        svg += " d=\"M\(left) \(top)V\(bottom)H\(right)\"/>"

        svg += "<g class=\"tick-labels x\" text-anchor=\"middle\">"
        let xBaseline = ChartNumberFormat.coordinate(layout.xTickLabelBaseline)
        for (tick, pixel) in xTicks {
            guard let label = tick.label else { continue }
            svg += "<text x=\"\(ChartNumberFormat.coordinate(pixel))\" y=\"\(xBaseline)\">\(label)</text>"
        }
        svg += "</g><g class=\"tick-labels y\" text-anchor=\"end\">"
        let yTickX = ChartNumberFormat.coordinate(ChartLayout.plotLeft - 6)
        for (tick, pixel) in yTicks {
            guard let label = tick.label else { continue }
            svg += "<text x=\"\(yTickX)\" y=\"\(ChartNumberFormat.coordinate(pixel + 4))\">\(label)</text>"
        }
        svg += "</g>"
        let xCentre = ChartNumberFormat.coordinate(ChartLayout.plotLeft + layout.plotWidth / 2)
        let yCentre = ChartNumberFormat.coordinate(ChartLayout.plotTop + layout.plotHeight / 2)
        svg += "<text class=\"axis-label x\" text-anchor=\"middle\" x=\"\(xCentre)\""
        svg +=
            " y=\"\(ChartNumberFormat.coordinate(layout.xAxisLabelBaseline))\">\(HTMLEscaping.escaped(xLabel))</text>"
        svg += "<text class=\"axis-label y\" text-anchor=\"middle\" transform=\"translate(16 \(yCentre)) rotate(-90)\">"
        svg += "\(HTMLEscaping.escaped(yLabel))</text>"
        svg += "</g>"
        return svg
    }

    /// Limits across the plot (an SLO): dashed, labelled at their end; skipped when outside the domain.
    static func referenceLines(_ lines: [ChartReferenceLine], x: ChartScale, y: ChartScale, layout: ChartLayout)
        -> String
    {
        // A white outline under the label keeps it readable where it crosses a series.
        let halo = " stroke=\"#FFFFFF\" stroke-width=\"3\" paint-order=\"stroke\""
        var svg = ""
        for line in lines {
            let scale = line.orientation == .horizontal ? y : x
            guard scale.contains(line.value), let pixel = scale.position(line.value) else { continue }
            let at = ChartNumberFormat.coordinate(pixel)
            let label = HTMLEscaping.escaped(line.label)
            svg += "<g class=\"reference-line\" data-value=\"\(JSONObjectWriter.number(line.value))\">"
            svg += "<title>\(label): \(ChartNumberFormat.display(line.value))</title>"
            switch line.orientation {
            case .horizontal:
                svg += "<path stroke=\"\(ChartPalette.ink)\" stroke-dasharray=\"6 4\""
                svg += " d=\"M\(ChartNumberFormat.coordinate(ChartLayout.plotLeft)) \(at)"
                svg += "H\(ChartNumberFormat.coordinate(ChartLayout.plotRight))\"/>"
                svg +=
                    "<text\(halo) text-anchor=\"end\" x=\"\(ChartNumberFormat.coordinate(ChartLayout.plotRight - 4))\""
                svg += " y=\"\(ChartNumberFormat.coordinate(pixel - 4))\">\(label)</text>"
            case .vertical:
                svg += "<path stroke=\"\(ChartPalette.ink)\" stroke-dasharray=\"6 4\""
                svg += " d=\"M\(at) \(ChartNumberFormat.coordinate(ChartLayout.plotTop))"
                svg += "V\(ChartNumberFormat.coordinate(layout.plotBottom))\"/>"
                let isNearRight = pixel > ChartLayout.plotRight - 160
                let textX = ChartNumberFormat.coordinate(isNearRight ? pixel - 4 : pixel + 4)
                svg += "<text\(halo) text-anchor=\"\(isNearRight ? "end" : "start")\" x=\"\(textX)\""
                svg += " y=\"\(ChartNumberFormat.coordinate(ChartLayout.plotTop + 12))\">\(label)</text>"
            }
            svg += "</g>"
        }
        return svg
    }
}
