/// Where the parts of a chart sit in its SVG coordinates (a 720-wide viewBox).
struct ChartLayout: Sendable, Equatable {
    static let width = 720.0
    static let plotLeft = 72.0
    static let plotRight = 700.0
    static let plotTop = 16.0
    /// The legend's rows, below the x axis's label.
    static let legendRowHeight = 18.0

    /// The bottom edge of the plot area.
    let plotBottom: Double
    /// How many rows the legend needs.
    let legendRows: Int

    var plotWidth: Double { Self.plotRight - Self.plotLeft }
    var plotHeight: Double { plotBottom - Self.plotTop }
    var xTickLabelBaseline: Double { plotBottom + 16 }
    var xAxisLabelBaseline: Double { plotBottom + 36 }
    /// The centre line of the legend's first row.
    var legendTop: Double { plotBottom + 56 }
    /// The viewBox's height: 360 for a plot of 274 pixels and one legend row.
    var height: Double { legendTop + Double(max(1, legendRows)) * Self.legendRowHeight - 4 }
}
