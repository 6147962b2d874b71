import Foundation
import Testing

@testable import LLMBench

/// `ChartRenderer.svg(Chart)`: structure, exact points, accessibility, escaping, determinism.
struct ChartRendererTests {
    static let cdf = Chart(
        id: "ttft-cdf",
        title: "TTFT distribution",
        x: ChartAxis(label: "TTFT (ms)", scale: .automatic),
        y: ChartAxis(label: "fraction of requests", domain: 0...1),
        series: [
            ChartSeries(
                name: "case 1",
                style: .step,
                colorIndex: 0,
                points: [
                    ChartPoint(x: 12.5, y: 0.25), ChartPoint(x: 13.125, y: 0.5), ChartPoint(x: 20.001, y: 0.75),
                    ChartPoint(x: 1999.5, y: 1),
                ]
            ),
            ChartSeries(
                name: "case 2",
                style: .linePoints,
                colorIndex: 1,
                points: [ChartPoint(x: 8, y: 0.5), ChartPoint(x: 9.75, y: 1, label: "slowest", isHighlighted: true)]
            ),
        ],
        referenceLines: [ChartReferenceLine(orientation: .vertical, value: 100, label: "SLO 100 ms")],
        note: "2 cases"
    )

    @Test func svgHasTitleAxisLabelsAndAnAccessibleName() throws {
        let svg = ChartRenderer.svg(Self.cdf)
        let document = try SVGDocument(svg)
        let root = try #require(document.elements.first)
        #expect(root.name == "svg")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["viewBox"] == "0 0 720 360")
        #expect(root.attributes["class"] == "chart-svg")
        let titleID = try #require(root.attributes["aria-labelledby"])
        let title = try #require(document.elements(named: "title").first { $0.attributes["id"] == titleID })
        #expect(title.text == "TTFT distribution")
        #expect(document.elements(named: "desc").first?.text == "2 cases")
        let axisLabels = document.elements(withClass: "axis-label").map(\.text)
        #expect(axisLabels == ["TTFT (ms)", "fraction of requests"])
    }

    @Test func eachSeriesHasAGroupAndOneLegendItem() throws {
        let document = try SVGDocument(ChartRenderer.svg(Self.cdf))
        let groups = document.elements(withClass: "series")
        #expect(groups.map { $0.attributes["data-series"] } == ["case 1", "case 2"])
        #expect(groups.map { $0.attributes["data-index"] } == ["0", "1"])
        let legend = document.elements(withClass: "legend-item")
        #expect(legend.map { $0.attributes["data-series-index"] } == ["0", "1"])
        #expect(
            document.elements(named: "text").contains { $0.text == "case 2" && $0.hasAncestor(class: "legend-item") }
        )
    }

    @Test func everyPointCarriesItsExactValuesAndAHoverTitle() throws {
        let document = try SVGDocument(ChartRenderer.svg(Self.cdf))
        let drawn = document.points.map { [$0.attributes["data-x"], $0.attributes["data-y"]] }
        let expected = Self.cdf.series.flatMap(\.points).map {
            [JSONObjectWriter.number($0.x), JSONObjectWriter.number($0.y)]
        }
        #expect(drawn == expected)
        let parsed = document.points.compactMap { $0.attributes["data-x"].flatMap(Double.init) }
        #expect(parsed == Self.cdf.series.flatMap(\.points).map(\.x))
        #expect(document.points.allSatisfy { $0.title != nil })
        #expect(document.points.last?.title == "slowest")
    }

    @Test func pointsSitInTheirSeriesGroup() throws {
        let document = try SVGDocument(ChartRenderer.svg(Self.cdf))
        #expect(document.points.allSatisfy { $0.hasAncestor(class: "series") })
    }

    @Test func highlightedPointIsRingedAndNamedInTheLegend() throws {
        let document = try SVGDocument(ChartRenderer.svg(Self.cdf))
        #expect(document.elements(withClass: "ring").count == 1)
        let mark = try #require(document.elements(withClass: "legend-mark").first)
        #expect(mark.attributes["data-series-index"] == nil)
        #expect(
            document.elements(named: "text").contains { $0.text == "slowest" && $0.hasAncestor(class: "legend-mark") }
        )
    }

    @Test func referenceLineIsDashedAndLabelled() throws {
        let document = try SVGDocument(ChartRenderer.svg(Self.cdf))
        let line = try #require(document.elements(withClass: "reference-line").first)
        #expect(line.attributes["data-value"] == "100")
        let path = try #require(document.elements(named: "path").first { $0.hasAncestor(class: "reference-line") })
        #expect(path.attributes["stroke-dasharray"] != nil)
        #expect(document.elements(named: "text").contains { $0.text == "SLO 100 ms" })
    }

    @Test func automaticAxisOverThreeDecadesIsLogarithmic() throws {
        let document = try SVGDocument(ChartRenderer.svg(Self.cdf))
        let labels = document.elements(named: "text").filter { $0.hasAncestor(class: "x") }.map(\.text)
        #expect(labels == ["1", "10", "100", "1k", "10k"])
    }

    @Test func stepSeriesRunsAcrossThenUp() throws {
        let chart = Chart(
            id: "step",
            title: "step",
            x: ChartAxis(label: "x", domain: 0...10),
            y: ChartAxis(label: "y", domain: 0...1),
            series: [
                ChartSeries(
                    name: "s",
                    style: .step,
                    colorIndex: 0,
                    points: [ChartPoint(x: 0, y: 0), ChartPoint(x: 5, y: 0.5), ChartPoint(x: 10, y: 1)]
                )
            ]
        )
        let document = try SVGDocument(ChartRenderer.svg(chart))
        let line = try #require(document.elements(withClass: "series-line").first)
        #expect(line.attributes["d"] == "M72 290H386V153H700V16")
    }

    @Test func barsSpanFromXToXEndAndFromZeroToY() throws {
        let chart = Chart(
            id: "histogram",
            title: "histogram",
            x: ChartAxis(label: "x", domain: 0...10),
            y: ChartAxis(label: "count", domain: 0...10),
            series: [
                ChartSeries(name: "s", style: .bars, colorIndex: 2, points: [ChartPoint(x: 0, y: 5, xEnd: 5)])
            ]
        )
        let document = try SVGDocument(ChartRenderer.svg(chart))
        let bar = try #require(document.points.first)
        #expect(bar.name == "rect")
        #expect(bar.attributes["x"] == "72")
        #expect(bar.attributes["width"] == "314")
        #expect(bar.attributes["y"] == "153")
        #expect(bar.attributes["height"] == "137")
        #expect(bar.attributes["data-x-end"] == "5")
    }

    @Test func pointsThatCannotBePlacedAreLeftOutAndBreakTheLine() throws {
        let chart = Chart(
            id: "gaps",
            title: "gaps",
            x: ChartAxis(label: "x", scale: .logarithmic),
            y: ChartAxis(label: "y"),
            series: [
                ChartSeries(
                    name: "s",
                    style: .line,
                    colorIndex: 0,
                    points: [
                        ChartPoint(x: 1, y: 1), ChartPoint(x: 2, y: 2), ChartPoint(x: 0, y: 3),
                        ChartPoint(x: 4, y: .nan),
                        ChartPoint(x: 8, y: 4), ChartPoint(x: 16, y: 5),
                    ]
                )
            ]
        )
        let document = try SVGDocument(ChartRenderer.svg(chart))
        #expect(document.points.map { $0.attributes["data-x"] } == ["1", "2", "8", "16"])
        let path = try #require(document.elements(withClass: "series-line").first?.attributes["d"])
        #expect(path.filter { $0 == "M" }.count == 2)
    }

    @Test(arguments: [
        [ChartSeries](),
        [ChartSeries(name: "empty", style: .line, colorIndex: 0, points: [])],
        [ChartSeries(name: "one", style: .points, colorIndex: 0, points: [ChartPoint(x: 3, y: 3)])],
        [ChartSeries(name: "flat", style: .bars, colorIndex: 0, points: [ChartPoint(x: 0, y: 0, xEnd: 0)])],
        [ChartSeries(name: "not finite", style: .step, colorIndex: 0, points: [ChartPoint(x: .nan, y: .infinity)])],
    ])
    func degenerateChartsStillDrawAWellFormedSVG(series: [ChartSeries]) throws {
        for scale in [ChartAxis.Scale.linear, .logarithmic, .automatic] {
            let chart = Chart(
                id: "d",
                title: "degenerate",
                x: ChartAxis(label: "x", scale: scale),
                y: ChartAxis(label: "y", scale: scale),
                series: series
            )
            let svg = ChartRenderer.svg(chart)
            let document = try SVGDocument(svg)
            #expect(document.elements(withClass: "legend-item").count == series.count)
            #expect(!svg.contains("nan") && !svg.contains("inf"))
        }
    }

    @Test func textIsEscapedEverywhere() throws {
        let nasty = "<b>&\"quoted\" 'x'"
        let chart = Chart(
            id: "esc",
            title: nasty,
            x: ChartAxis(label: nasty),
            y: ChartAxis(label: nasty),
            series: [
                ChartSeries(name: nasty, style: .points, colorIndex: 0, points: [ChartPoint(x: 1, y: 1, label: nasty)])
            ],
            referenceLines: [ChartReferenceLine(orientation: .horizontal, value: 0.5, label: nasty)],
            note: nasty
        )
        let svg = ChartRenderer.svg(chart)
        #expect(!svg.contains("<b>"))
        #expect(svg.contains("&lt;b&gt;&amp;&quot;quoted&quot; &#39;x&#39;"))
        let document = try SVGDocument(svg)
        #expect(document.elements(named: "title").first?.text == nasty)
        #expect(document.elements(withClass: "series").first?.attributes["data-series"] == nasty)
        let figure = ChartRenderer.figure(chart)
        #expect(figure.hasPrefix("<figure class=\"chart\" id=\"esc\"><figcaption>&lt;b&gt;"))
        #expect(try SVGDocument(figure).elements(named: "figcaption").first?.text == nasty)
    }

    @Test func svgHasNoExternalReference() {
        let svg = ChartRenderer.svg(Self.cdf) + ChartRenderer.stylesheet
        #expect(!svg.contains("http:"))
        #expect(!svg.contains("https:"))
        #expect(!svg.contains("//"))
        #expect(!svg.contains("href"))
        let urls = svg.matches(of: /url\(([^)]*)\)/).map { String($0.output.1) }
        #expect(urls.allSatisfy { $0.hasPrefix("#") })
    }

    @Test func sameChartGivesTheSameBytes() {
        #expect(ChartRenderer.svg(Self.cdf) == ChartRenderer.svg(Self.cdf))
        #expect(ChartRenderer.figure(Self.cdf) == ChartRenderer.figure(Self.cdf))
    }

    @Test func seriesBeyondTheEighthColourGetADashAndAnotherMarker() throws {
        let series = (0..<10).map { index in
            ChartSeries(
                name: "s\(index)",
                style: .linePoints,
                colorIndex: index,
                points: [ChartPoint(x: 1, y: 1), ChartPoint(x: 2, y: 2)]
            )
        }
        let chart = Chart(id: "many", title: "many", x: ChartAxis(label: "x"), y: ChartAxis(label: "y"), series: series)
        let document = try SVGDocument(ChartRenderer.svg(chart))
        let lines = document.elements(withClass: "series-line")
        #expect(lines[0].attributes["stroke-dasharray"] == nil)
        #expect(lines[8].attributes["stroke-dasharray"] != nil)
        let looks = (0..<10).map { ChartPalette.series($0) }
        #expect(Set(looks.map { "\($0.color) \($0.dashes ?? "") \($0.marker)" }).count == 10)
        #expect(document.points.filter { $0.hasAncestor(class: "series") && $0.name == "rect" }.count == 4)
        #expect(document.elements(withClass: "legend").count == 1)
    }

    @Test func largeSeriesHaveOneTitleInsteadOfOnePerPoint() throws {
        let points = (0..<1000).map { ChartPoint(x: Double($0), y: Double($0 % 7)) }
        let chart = Chart(
            id: "big",
            title: "big",
            x: ChartAxis(label: "x"),
            y: ChartAxis(label: "y"),
            series: [ChartSeries(name: "s", style: .line, colorIndex: 0, points: points)]
        )
        let document = try SVGDocument(ChartRenderer.svg(chart))
        #expect(document.points.count == 1000)
        #expect(document.points.allSatisfy { $0.title == nil })
        #expect(document.elements(withClass: "series").first?.title == "s (1000 points)")
    }

    @Test func barFromZeroOnALogarithmicAxisStartsAtTheAxis() throws {
        let chart = Chart(
            id: "log-bars",
            title: "log bars",
            x: ChartAxis(label: "ms", scale: .logarithmic),
            y: ChartAxis(label: "count"),
            series: [
                ChartSeries(
                    name: "s",
                    style: .bars,
                    colorIndex: 0,
                    points: [ChartPoint(x: 0, y: 3, xEnd: 10), ChartPoint(x: 10, y: 1, xEnd: 100)]
                )
            ]
        )
        let document = try SVGDocument(ChartRenderer.svg(chart))
        #expect(document.points.map { $0.attributes["data-x"] } == ["0", "10"])
        #expect(document.points.first?.attributes["x"] == "72")
    }

    @Test func longLegendTextIsShortenedWithItsWholeTextOnHover() throws {
        let name = String(repeating: "long name ", count: 20)
        let chart = Chart(
            id: "long",
            title: "long",
            x: ChartAxis(label: "x"),
            y: ChartAxis(label: "y"),
            series: [ChartSeries(name: name, style: .line, colorIndex: 0, points: [ChartPoint(x: 1, y: 1)])]
        )
        let document = try SVGDocument(ChartRenderer.svg(chart))
        let item = try #require(document.elements(withClass: "legend-item").first)
        #expect(item.title == name)
        let text = try #require(document.elements(named: "text").last { $0.hasAncestor(class: "legend-item") })
        #expect(text.text.count == ChartLegend.maximumLength)
        #expect(text.text.hasSuffix("…"))
    }

    @Test func cdfOfFiveHundredPointsStaysSmall() {
        let points = (0..<500).map { ChartPoint(x: 10 + Double($0) * 3.217, y: Double($0 + 1) / 5) }
        let chart = Chart(
            id: "cdf-500",
            title: "CDF",
            x: ChartAxis(label: "TTFT (ms)", scale: .automatic),
            y: ChartAxis(label: "requests at or below (%)", domain: 0...100),
            series: [ChartSeries(name: "case 1", style: .step, colorIndex: 0, points: points)]
        )
        #expect(ChartRenderer.svg(chart).utf8.count < 50_000)
    }
}
