import Foundation
import Testing

@testable import LLMBench

/// `ChartRenderer.svg(TimelineChart)`: rows with their exact times, colours, failures, size.
struct TimelineRendererTests {
    static func timeline(rows: Int, failingEvery: Int = 50) -> TimelineChart {
        let rows = (0..<rows).map { index in
            let start = Double(index) * 0.137
            let isFailed = index % failingEvery == 7
            return TimelineRow(
                start: start,
                firstToken: isFailed && index % 2 == 0 ? nil : start + 0.25 + Double(index % 13) * 0.01,
                end: start + 2.5 + Double(index % 17) * 0.1,
                isFailed: isFailed,
                colorValue: index % 29 == 0 ? nil : 10 + Double(index % 41) * 0.5,
                label: "request \(index): TTFT 250 ms, ITL 12.5 ms"
            )
        }
        return TimelineChart(
            id: "timeline",
            title: "Requests over time",
            timeLabel: "time since the first send (s)",
            colorLabel: "mean ITL (ms)",
            rows: rows,
            note: "every request"
        )
    }

    @Test func everyRowCarriesItsExactTimes() throws {
        let chart = Self.timeline(rows: 120)
        let document = try SVGDocument(ChartRenderer.svg(chart))
        let rows = document.elements.filter { $0.attributes["data-t"] != nil }
            .sorted { Int($0.attributes["data-i"] ?? "") ?? 0 < Int($1.attributes["data-i"] ?? "") ?? 0 }
        #expect(rows.count == chart.rows.count)
        for (element, row) in zip(rows, chart.rows) {
            let expected = [row.start, row.firstToken, row.end].map { $0.map(JSONObjectWriter.number) ?? "" }
            #expect(element.attributes["data-t"] == expected.joined(separator: ","))
            #expect(element.title == row.label)
        }
    }

    @Test func rowsAreGreyUntilTheFirstTokenThenColouredAndFailuresAreMarked() throws {
        let chart = Self.timeline(rows: 120)
        let document = try SVGDocument(ChartRenderer.svg(chart))
        let waiting = try #require(document.elements(withClass: "waiting").first)
        #expect(waiting.attributes["stroke"] == ChartPalette.waiting)
        let failedRows = document.elements.filter { $0.hasAncestor(class: "failed") && $0.attributes["data-t"] != nil }
        #expect(failedRows.count == chart.rows.filter(\.isFailed).count)
        let marks = try #require(document.elements(withClass: "failure-marks").first?.attributes["d"])
        #expect(marks.filter { $0 == "M" }.count == failedRows.count)
        let neutral = document.elements.filter { $0.hasAncestor(class: "neutral") && $0.attributes["data-t"] != nil }
        #expect(neutral.count == chart.rows.filter { $0.colorValue == nil && !$0.isFailed }.count)
        let strokes = Set(
            document.elements.filter { $0.hasAncestor(class: "timeline-rows") }.compactMap { $0.attributes["stroke"] }
        )
        #expect(strokes.count > 10)
    }

    @Test func colourLegendShowsTheSmallestAndLargestValue() throws {
        let chart = Self.timeline(rows: 120)
        let document = try SVGDocument(ChartRenderer.svg(chart))
        let scale = try #require(document.elements(withClass: "legend-scale").first)
        let values = chart.rows.compactMap(\.colorValue)
        #expect(scale.attributes["data-min"] == JSONObjectWriter.number(try #require(values.min())))
        #expect(scale.attributes["data-max"] == JSONObjectWriter.number(try #require(values.max())))
        #expect(document.elements(named: "text").contains { $0.text == "mean ITL (ms)" })
        #expect(document.elements(withClass: "axis-label").first?.text == "time since the first send (s)")
        #expect(document.elements(named: "stop").count == 11)
    }

    @Test func fifteenHundredRowsStayWellUnderAQuarterMegabyte() throws {
        let svg = ChartRenderer.svg(Self.timeline(rows: 1500))
        #expect(svg.utf8.count < 200_000)
        let document = try SVGDocument(svg)
        #expect(document.elements.filter { $0.attributes["data-t"] != nil }.count == 1500)
    }

    @Test(arguments: [0, 1, 2])
    func degenerateTimelinesDrawAWellFormedSVG(rowCount: Int) throws {
        let rows = (0..<rowCount).map { _ in
            TimelineRow(start: 1, firstToken: 1, end: 1, isFailed: false, colorValue: 3, label: "same")
        }
        let chart = TimelineChart(id: "t", title: "t", timeLabel: "s", colorLabel: "ms", rows: rows)
        let svg = ChartRenderer.svg(chart)
        _ = try SVGDocument(svg)
        #expect(!svg.contains("nan") && !svg.contains("inf"))
    }

    @Test func rowsWithTimesThatAreNotFiniteAreLeftOut() throws {
        let rows = [
            TimelineRow(start: .nan, firstToken: nil, end: 2, isFailed: true, colorValue: nil, label: "a"),
            TimelineRow(start: 0, firstToken: .infinity, end: 2, isFailed: false, colorValue: .nan, label: "b"),
        ]
        let chart = TimelineChart(id: "t", title: "t", timeLabel: "s", colorLabel: "ms", rows: rows)
        let document = try SVGDocument(ChartRenderer.svg(chart))
        let drawn = document.elements.filter { $0.attributes["data-t"] != nil }
        #expect(drawn.map { $0.attributes["data-i"] } == ["1"])
        #expect(drawn.first?.attributes["data-t"] == "0,,2")
    }

    @Test func sameTimelineGivesTheSameBytesAndNoExternalReference() {
        let chart = Self.timeline(rows: 300)
        let svg = ChartRenderer.svg(chart)
        #expect(svg == ChartRenderer.svg(chart))
        #expect(!svg.contains("//") && !svg.contains("http"))
    }
}
