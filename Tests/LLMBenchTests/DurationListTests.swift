import LLMBenchSupport
import Testing

@testable import LLMBench

private let fourBytes = UInt64(UInt32.max)

/// The compact per-event duration store and its pooled order statistics: exact for every value,
/// including the rare ones too long for four bytes.
struct DurationListTests {
    @Test func durationsComeBackInOrderAcrossTheFourByteLimit() {
        let values: [UInt64] = [
            0, 20_000_000, fourBytes - 1, fourBytes, 7, fourBytes + 1, 60_000_000_000, 1, UInt64.max,
        ]
        let list = DurationList(values)
        #expect(Array(list) == values)
        #expect(list.count == values.count)
        #expect(!list.isEmpty)
    }

    @Test func appendingOneByOneEqualsBuildingAtOnce() {
        var list = DurationList()
        #expect(list.isEmpty)
        list.reserveCapacity(3)
        for value: UInt64 in [5, fourBytes + 9, 3] { list.append(value) }
        #expect(list == [5, fourBytes + 9, 3])
        #expect(list != [5, fourBytes + 8, 3])
    }

    static func randomLists(seed: UInt64, spread: ClosedRange<UInt64>) -> [DurationList] {
        var random = SeededRandom(seed: seed)
        return (0..<20).map { _ in
            DurationList(
                (0..<Int.random(in: 0...50, using: &random)).map { _ in
                    // Mostly gaps within `spread`, now and then one of several seconds.
                    Int.random(in: 0..<10, using: &random) == 0
                        ? UInt64.random(in: fourBytes - 2...fourBytes * 3, using: &random)
                        : UInt64.random(in: spread, using: &random)
                }
            )
        }
    }

    @Test(arguments: [0...50_000_000, 19_999_990...20_000_010, 7...7])
    func everyRankOfPooledDurationsIsTheSortedValue(spread: ClosedRange<UInt64>) {
        let lists = Self.randomLists(seed: spread.lowerBound &+ 11, spread: spread)
        let sorted = lists.flatMap { Array($0) }.sorted()
        let pooled = PooledDurations(lists)
        #expect(pooled.count == sorted.count)
        #expect((0..<sorted.count).map { pooled.value(atRank: $0) } == sorted)
        #expect(pooled.min == sorted.first)
        #expect(pooled.max == sorted.last)
        #expect(pooled.sum == sorted.reduce(0.0) { $0 + Double($1) })
    }

    @Test func statisticsOfPooledDurationsMatchThoseOfTheSortedValues() throws {
        let lists = Self.randomLists(seed: 5, spread: 15_000_000...45_000_000)
        let pooled = try #require(Distribution(nanoseconds: PooledDurations(lists)))
        let reference = try #require(Distribution(lists.flatMap { list in list.map { Double($0) } }))
        #expect(pooled.count == reference.count)
        #expect(pooled.min == reference.min && pooled.max == reference.max)
        for (mine, theirs) in [
            (pooled.mean, reference.mean), (pooled.p50, reference.p50), (pooled.p90, reference.p90),
            (pooled.p95, reference.p95), (pooled.p99, reference.p99),
        ] {
            #expect(abs(mine - theirs) <= 1e-6 * theirs)
        }
        #expect(Distribution(nanoseconds: PooledDurations([DurationList(), []])) == nil)
        #expect(PooledDurations([]).percentile(0.5) == nil)
    }
}
