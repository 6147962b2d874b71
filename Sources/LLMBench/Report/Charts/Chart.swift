/// A chart described as data: what the report shows, apart from how it is drawn
/// (`ChartRenderer` draws it as inline SVG). Every point is a value of the run's files, so a
/// test can hold the drawing against the data.
struct Chart: Sendable {
    /// The chart's id in the page (unique there; letters, digits and `-`).
    var id: String
    var title: String
    var x: ChartAxis
    var y: ChartAxis
    /// Drawn in order; each has its own legend entry.
    var series: [ChartSeries]
    /// Limits drawn across the plot, e.g. an SLO.
    var referenceLines: [ChartReferenceLine] = []
    /// Shown under the chart: how values were derived, what was downsampled.
    var note: String? = nil
}

/// One axis: its label (with the unit, "TTFT (ms)") and scale.
struct ChartAxis: Sendable {
    enum Scale: Sendable, Equatable {
        case linear
        case logarithmic
        /// Logarithmic when the positive values span two decades or more, else linear.
        case automatic
    }

    var label: String
    var scale: Scale = .linear
    /// A fixed range; nil takes it from the data.
    var domain: ClosedRange<Double>? = nil
}

/// One named series of points, drawn in one colour of the palette.
struct ChartSeries: Sendable {
    enum Style: Sendable, Equatable {
        /// Points joined in order.
        case line
        /// Points joined in order with a marker at each.
        case linePoints
        /// A step function (a CDF): horizontal to each next x, then up.
        case step
        /// Markers only.
        case points
        /// Bars from `x` to `xEnd`, from 0 to `y` (a histogram).
        case bars
    }

    var name: String
    var style: Style
    /// The palette colour, by position.
    var colorIndex: Int
    var points: [ChartPoint]
}

/// One plotted value.
struct ChartPoint: Sendable, Equatable {
    var x: Double
    var y: Double
    /// A bar's right edge.
    var xEnd: Double? = nil
    /// The hover text; nil shows the series name with x and y.
    var label: String? = nil
    /// Drawn larger and named in the legend, e.g. the highest load that met the SLOs.
    var isHighlighted = false
}

/// A limit drawn across the plot, with its label.
struct ChartReferenceLine: Sendable {
    enum Orientation: Sendable, Equatable {
        /// At `value` on the y axis.
        case horizontal
        /// At `value` on the x axis.
        case vertical
    }

    var orientation: Orientation
    var value: Double
    var label: String
}
