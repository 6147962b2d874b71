import Testing

@testable import LLMBench

private let fourBytes = UInt64(UInt32.max)

/// The compact per-event duration store and its pooled, sorted form: exact for every value,
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

    @Test func pooledDurationsAreSortedLikeTheWholeValues() {
        var random = SeededRandom(seed: 11)
        let lists = (0..<20).map { _ in
            DurationList(
                (0..<Int.random(in: 0...50, using: &random)).map { _ in
                    // Mostly short gaps, now and then one of several seconds.
                    Int.random(in: 0..<10, using: &random) == 0
                        ? UInt64.random(in: fourBytes - 2...fourBytes * 3, using: &random)
                        : UInt64.random(in: 0...50_000_000, using: &random)
                }
            )
        }
        let pooled = SortedDurations(lists)
        #expect(Array(pooled) == lists.flatMap { Array($0) }.sorted())
    }

    @Test func percentilesOfPooledDurationsMatchThoseOfDoubles() throws {
        let lists: [DurationList] = [[40, 10], [fourBytes + 5, 30], [], [20]]
        let pooled = try #require(Distribution(sortedNanoseconds: SortedDurations(lists)))
        let reference = try #require(Distribution([40, 10, Double(fourBytes + 5), 30, 20]))
        #expect(pooled == reference)
        #expect(Distribution(sortedNanoseconds: SortedDurations([DurationList(), []])) == nil)
    }
}
