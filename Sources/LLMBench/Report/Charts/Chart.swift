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
    var referenceLines: [ChartReferenceLine]
    /// Shown under the chart: how values were derived, what was downsampled.
    var note: String?

    init(
        id: String,
        title: String,
        x: ChartAxis,
        y: ChartAxis,
        series: [ChartSeries],
        referenceLines: [ChartReferenceLine] = [],
        note: String? = nil
    ) {
        self.id = id
        self.title = title
        self.x = x
        self.y = y
        self.series = series
        self.referenceLines = referenceLines
        self.note = note
    }
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
    var scale: Scale
    /// A fixed range; nil takes it from the data.
    var domain: ClosedRange<Double>?

    init(label: String, scale: Scale = .linear, domain: ClosedRange<Double>? = nil) {
        self.label = label
        self.scale = scale
        self.domain = domain
    }
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

    init(name: String, style: Style, colorIndex: Int, points: [ChartPoint]) {
        self.name = name
        self.style = style
        self.colorIndex = colorIndex
        self.points = points
    }
}

/// One plotted value.
struct ChartPoint: Sendable, Equatable {
    var x: Double
    var y: Double
    /// A bar's right edge.
    var xEnd: Double?
    /// The hover text; nil shows the series name with x and y.
    var label: String?
    /// Drawn larger and named in the legend, e.g. the highest load that met the SLOs.
    var isHighlighted: Bool

    init(x: Double, y: Double, xEnd: Double? = nil, label: String? = nil, isHighlighted: Bool = false) {
        self.x = x
        self.y = y
        self.xEnd = xEnd
        self.label = label
        self.isHighlighted = isHighlighted
    }
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

    init(orientation: Orientation, value: Double, label: String) {
        self.orientation = orientation
        self.value = value
        self.label = label
    }
}
