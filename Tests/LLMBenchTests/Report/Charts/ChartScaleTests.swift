import Testing

@testable import LLMBench

/// `ChartScale`: domains from data, mapping to pixels, and nice ticks.
struct ChartScaleTests {
    @Test func linearScaleMapsTheDomainEndsToThePlotEdges() throws {
        let scale = ChartScale(kind: .linear, domain: 0...50, start: 72, end: 700)
        #expect(scale.position(0) == 72)
        #expect(scale.position(50) == 700)
        #expect(try #require(scale.position(25)) == 386)
    }

    @Test func yScaleRunsFromTheBottomUp() {
        let scale = ChartScale(kind: .linear, domain: 10...20, start: 290, end: 16)
        #expect(scale.position(10) == 290)
        #expect(scale.position(20) == 16)
    }

    @Test func logarithmicScalePlacesEachDecadeEvenly() throws {
        let scale = ChartScale(kind: .logarithmic, domain: 1...1000, start: 0, end: 300)
        #expect(try #require(scale.position(1)) == 0)
        #expect(abs(try #require(scale.position(10)) - 100) < 1e-9)
        #expect(abs(try #require(scale.position(100)) - 200) < 1e-9)
        #expect(abs(try #require(scale.position(1000)) - 300) < 1e-9)
        #expect(scale.position(0) == nil)
        #expect(scale.position(-5) == nil)
    }

    @Test func valuesThatCannotBePlacedHaveNoPosition() {
        let scale = ChartScale(kind: .linear, domain: 0...1, start: 0, end: 100)
        #expect(scale.position(.nan) == nil)
        #expect(scale.position(.infinity) == nil)
    }

    @Test func automaticScaleIsLogarithmicFromTwoDecades() {
        #expect(ChartScale.kind(for: .automatic, values: [1, 99]) == .linear)
        #expect(ChartScale.kind(for: .automatic, values: [1, 100]) == .logarithmic)
        #expect(ChartScale.kind(for: .automatic, values: [0, -3, 0.5, 80]) == .logarithmic)
        #expect(ChartScale.kind(for: .automatic, values: []) == .linear)
        #expect(ChartScale.kind(for: .automatic, values: [.nan, .infinity, 3]) == .linear)
    }

    @Test func linearDomainOfNonNegativeDataStartsAtZeroAndEndsOnATick() {
        let domain = ChartScale.domain(for: ChartAxis(label: "x"), kind: .linear, values: [3, 97])
        #expect(domain == 0...100)
    }

    @Test func linearDomainOfNegativeDataIsWidenedToTicksOnBothSides() {
        let domain = ChartScale.domain(for: ChartAxis(label: "x"), kind: .linear, values: [-13, 42])
        #expect(domain == -20...50)
    }

    @Test func givenDomainIsKept() {
        let axis = ChartAxis(label: "x", domain: 3...3.2)
        #expect(ChartScale.domain(for: axis, kind: .linear, values: [0, 100]) == 3...3.2)
    }

    @Test func logarithmicDomainSnapsToDecades() {
        let axis = ChartAxis(label: "x", scale: .logarithmic)
        #expect(ChartScale.domain(for: axis, kind: .logarithmic, values: [0.013, 0, -1, 8700]) == 0.01...10000)
        #expect(ChartScale.domain(for: axis, kind: .logarithmic, values: [10, 1000]) == 10...1000)
    }

    @Test(arguments: [
        [Double](), [5], [5, 5, 5], [0], [0, 0], [-2], [.nan], [.infinity, -.infinity], [.nan, 7],
    ])
    func degenerateDataGivesAUsableDomainOnEitherScale(values: [Double]) throws {
        for kind in [ChartScale.Kind.linear, .logarithmic] {
            let domain = ChartScale.domain(for: ChartAxis(label: "x"), kind: kind, values: values)
            let scale = ChartScale(kind: kind, domain: domain, start: 0, end: 100)
            #expect(scale.domain.lowerBound < scale.domain.upperBound)
            #expect(scale.domain.lowerBound.isFinite && scale.domain.upperBound.isFinite)
            if kind == .logarithmic { #expect(scale.domain.lowerBound > 0) }
            for value in values + [scale.domain.lowerBound, scale.domain.upperBound] {
                if let pixel = scale.position(value) { #expect(pixel.isFinite) }
            }
            #expect(!scale.ticks().isEmpty)
        }
    }

    @Test func degenerateGivenDomainsAreWidened() {
        let point = ChartScale(kind: .linear, domain: 4...4, start: 0, end: 100)
        #expect(point.domain.lowerBound < 4 && point.domain.upperBound > 4)
        #expect(abs((point.position(4) ?? 0) - 50) < 1e-9)
        let zero = ChartScale(kind: .logarithmic, domain: 0...0, start: 0, end: 100)
        #expect(zero.domain.lowerBound > 0 && zero.domain.lowerBound < zero.domain.upperBound)
        let negative = ChartScale(kind: .logarithmic, domain: -5...10, start: 0, end: 100)
        #expect(negative.domain == 1...10)
    }

    @Test func ticksOfZeroToOneAreFifths() {
        let ticks = ChartScale(kind: .linear, domain: 0...1, start: 0, end: 1).ticks()
        #expect(ticks.map(\.label) == ["0", "0.2", "0.4", "0.6", "0.8", "1"])
    }

    @Test func ticksOfZeroToNinetySevenStepByTwenty() {
        let domain = ChartScale.domain(for: ChartAxis(label: "x"), kind: .linear, values: [0, 97])
        let ticks = ChartScale(kind: .linear, domain: domain, start: 0, end: 1).ticks()
        #expect(ticks.map(\.label) == ["0", "20", "40", "60", "80", "100"])
        #expect(ticks.map(\.value) == [0, 20, 40, 60, 80, 100])
    }

    @Test func ticksOfANarrowRangeAwayFromZeroStepByFiveHundredths() {
        let ticks = ChartScale(kind: .linear, domain: 3...3.2, start: 0, end: 1).ticks()
        #expect(ticks.map(\.label) == ["3", "3.05", "3.1", "3.15", "3.2"])
    }

    @Test func ticksOfLargeValuesAreCompact() {
        let ticks = ChartScale(kind: .linear, domain: 0...2_500_000, start: 0, end: 1).ticks()
        #expect(ticks.map(\.label) == ["0", "500k", "1M", "1.5M", "2M", "2.5M"])
    }

    @Test func logarithmicTicksOfManyDecadesAreTheDecades() {
        let ticks = ChartScale(kind: .logarithmic, domain: 0.01...10000, start: 0, end: 1).ticks()
        #expect(ticks.map(\.label) == ["0.01", "0.1", "1", "10", "100", "1k", "10k"])
    }

    @Test func logarithmicTicksOfFewDecadesLabelTwoAndFiveToo() {
        let ticks = ChartScale(kind: .logarithmic, domain: 1...100, start: 0, end: 1).ticks()
        #expect(ticks.compactMap(\.label) == ["1", "2", "5", "10", "20", "50", "100"])
    }

    @Test func logarithmicTicksOfVeryManyDecadesLabelEveryFew() {
        let ticks = ChartScale(kind: .logarithmic, domain: 1e-6...1e12, start: 0, end: 1).ticks()
        let labelled = ticks.filter { $0.label != nil }
        #expect(labelled.count <= 9)
        #expect(ticks.count == 19)
        #expect(labelled.first?.label == "0.000001")
    }

    @Test func logarithmicTicksWithinOneDecadeFallBackToLinearSteps() {
        let ticks = ChartScale(kind: .logarithmic, domain: 1.1...1.9, start: 0, end: 1).ticks()
        #expect(!ticks.isEmpty)
        #expect(ticks.allSatisfy { $0.value >= 1.1 && $0.value <= 1.9 })
    }
}
