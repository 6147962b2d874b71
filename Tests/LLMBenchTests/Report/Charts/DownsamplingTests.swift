import Testing

@testable import LLMBench

/// `Downsampling`: fewer points, the same extremes, values taken from the data.
struct DownsamplingTests {
    /// A skewed sample, unsorted, with a few ties: 10,000 values between 1 and 10,000 (ms to 3 decimals).
    static let sample: [Double] = (0..<10_000).map { index in
        let u = Double((index * 7919) % 10_000) / 10_000
        return (1000 / (1.0001 - u)).rounded() / 1000
    }

    @Test func cdfRespectsTheLimitAndKeepsMinimumAndMaximum() throws {
        let result = Downsampling.cdf(of: Self.sample, maxPoints: 500)
        #expect(result.keptCount <= 500)
        #expect(result.originalCount == 10_000)
        #expect(result.isReduced)
        let sorted = Self.sample.sorted()
        #expect(result.elements.first?.x == sorted.first)
        #expect(result.elements.last?.x == sorted.last)
        #expect(result.elements.last?.y == 1)
    }

    @Test func cdfPointsAreValuesOfTheDataAtTheirExactHeight() {
        let sorted = Self.sample.sorted()
        let result = Downsampling.cdf(of: Self.sample, maxPoints: 200)
        for point in result.elements {
            let atOrBelow = sorted.filter { $0 <= point.x }.count
            #expect(point.y == Double(atOrBelow) / Double(sorted.count))
            #expect(sorted.contains(point.x))
        }
        #expect(zip(result.elements, result.elements.dropFirst()).allSatisfy { $0.x < $1.x && $0.y < $1.y })
    }

    @Test func cdfKeepsTheRanksEachPercentileIsInterpolatedBetween() {
        let sorted = Self.sample.sorted()
        let result = Downsampling.cdf(of: Self.sample, maxPoints: 50)
        let kept = Set(result.elements.map(\.x))
        for fraction in [0.5, 0.9, 0.95, 0.99] {
            let rank = fraction * Double(sorted.count - 1)
            let lower = Int(rank.rounded(.down))
            #expect(kept.contains(sorted[lower]))
            #expect(kept.contains(sorted[lower + 1]))
        }
    }

    @Test func cdfOfFewDistinctValuesKeepsEachOnceInPercent() {
        let result = Downsampling.cdf(of: [3, 1, 2, 2, .nan, 3, 3], maxPoints: 100, percent: true)
        let sixth: Double = 1.0 / 6 * 100
        let expected = [ChartPoint(x: 1, y: sixth), ChartPoint(x: 2, y: 50), ChartPoint(x: 3, y: 100)]
        #expect(result.elements == expected)
        #expect(result.originalCount == 6)
        #expect(result.sourceIndices == [0, 2, 5])
    }

    @Test func cdfWithATinyLimitKeepsTheExtremesFirst() {
        let result = Downsampling.cdf(of: Self.sample, maxPoints: 2)
        let sorted = Self.sample.sorted()
        #expect(result.elements.map(\.x) == [sorted.first, sorted.last])
        #expect(Downsampling.cdf(of: [], maxPoints: 10).elements.isEmpty)
        #expect(Downsampling.cdf(of: Self.sample, maxPoints: 0).elements.isEmpty)
    }

    @Test func minMaxKeepsTheEndsAndEveryBucketsExtremes() {
        var points = (0..<10_000).map { index in ChartPoint(x: Double(index), y: Double(index % 100)) }
        points[4321].y = 1e6
        points[8765].y = -1e6
        let result = Downsampling.minMax(points, maxPoints: 300)
        #expect(result.keptCount <= 300)
        #expect(result.originalCount == 10_000)
        #expect(result.elements.first == points.first)
        #expect(result.elements.last == points.last)
        #expect(result.elements.contains(points[4321]))
        #expect(result.elements.contains(points[8765]))
        #expect(result.sourceIndices == result.sourceIndices.sorted())
        #expect(result.elements == result.sourceIndices.map { points[$0] })
    }

    @Test func minMaxLeavesShortSeriesAlone() {
        let points = [ChartPoint(x: 1, y: 2), ChartPoint(x: 2, y: 1)]
        #expect(Downsampling.minMax(points, maxPoints: 10).elements == points)
        #expect(!Downsampling.minMax(points, maxPoints: 10).isReduced)
        #expect(Downsampling.minMax(points, maxPoints: 1).keptCount == 1)
        #expect(Downsampling.minMax(points, maxPoints: 0).keptCount == 0)
    }

    @Test func timelineKeepsEveryFailedRowAndAnEvenSpread() {
        let rows = (0..<5_000).map { index in
            TimelineRow(
                start: Double(index),
                firstToken: nil,
                end: Double(index) + 1,
                isFailed: index % 97 == 0,
                colorValue: nil,
                label: "\(index)"
            )
        }
        let result = Downsampling.timelineRows(rows, maxRows: 1_000)
        #expect(result.keptCount == 1_000)
        #expect(result.originalCount == 5_000)
        #expect(result.elements.count(where: \.isFailed) == rows.filter(\.isFailed).count)
        #expect(result.sourceIndices == result.sourceIndices.sorted())
        #expect(result.sourceIndices.first == 0 && result.sourceIndices.last == 4_999)
        let gaps = zip(result.sourceIndices, result.sourceIndices.dropFirst()).map { $1 - $0 }
        #expect(gaps.max() ?? 0 <= 7)
    }

    @Test func timelineWithMoreFailuresThanTheLimitSpreadsThem() {
        let rows = (0..<100).map {
            TimelineRow(start: Double($0), firstToken: nil, end: 1, isFailed: $0 % 2 == 0, colorValue: nil, label: "")
        }
        let result = Downsampling.timelineRows(rows, maxRows: 10)
        #expect(result.keptCount == 10)
        #expect(result.elements.count(where: \.isFailed) == 10)
    }

    @Test func evenSpreadIncludesBothEndsWithoutRepeats() {
        let spread = Downsampling.evenSpread(Array(0..<10), count: 4)
        #expect(spread == [0, 3, 6, 9])
        #expect(Downsampling.evenSpread(Array(0..<3), count: 5) == [0, 1, 2])
        #expect(Downsampling.evenSpread(Array(0..<3), count: 0).isEmpty)
    }
}
