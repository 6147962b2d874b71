import LLMBenchSupport
import Testing

/// `SeededRandom`: the SplitMix64 sequence to the bit, which seeded runs, test inputs and the
/// simulator's timing depend on.
struct SeededRandomTests {
    @Test func drawsThePublishedSplitMix64Sequence() {
        var random = SeededRandom(seed: 1_234_567)
        let draws = (0..<5).map { _ in random.next() }
        #expect(
            draws == [
                6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
                4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
            ]
        )
    }

    @Test func seedZeroStartsWhereSplitMix64Does() {
        var random = SeededRandom(seed: 0)
        let draws = (0..<3).map { _ in random.next() }
        #expect(draws == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }

    @Test func aStreamIsSeededFromTheSeedAndItsIndex() {
        var stream = SeededRandom(seed: 42, stream: 7)
        let draws = (0..<3).map { _ in stream.next() }
        #expect(draws == [0xCFD2_CA08_22B3_CD42, 0x7D1B_632D_5E55_9DED, 0x54E6_3B8A_83EF_0121])
        var other = SeededRandom(seed: 42, stream: 8)
        #expect(other.next() != 0xCFD2_CA08_22B3_CD42)
    }

    @Test func aUnitDrawIsTheTop53BitsOfOneDraw() {
        var random = SeededRandom(seed: 1_234_567)
        #expect(random.nextUnit() == 0.3500795420214081)
        var bounds = SeededRandom(seed: 9)
        #expect((0..<1_000).allSatisfy { _ in (0..<1).contains(bounds.nextUnit()) })
    }
}
