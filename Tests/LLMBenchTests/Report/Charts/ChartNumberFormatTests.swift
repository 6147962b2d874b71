import Testing

@testable import LLMBench

/// How numbers are written into charts.
struct ChartNumberFormatTests {
    @Test(arguments: [
        (12.34, "12.3"), (12.36, "12.4"), (300.0, "300"), (-0.04, "0"), (-7.25, "-7.3"), (0.05, "0.1"),
    ])
    func coordinatesHaveOneDecimalAtMost(value: Double, expected: String) {
        #expect(ChartNumberFormat.coordinate(value) == expected)
    }

    @Test(arguments: [
        (0.002, "2 ms"), (0.0005, "0.5 ms"), (0.05, "50 ms"), (0.5, "0.5 s"), (20.0, "20 s"), (0.1, "0.1 s"),
    ])
    func durationsReadInMillisecondsOrSeconds(seconds: Double, expected: String) {
        #expect(ChartNumberFormat.duration(seconds: seconds) == expected)
    }

    @Test(arguments: [
        (0.25, 0.05, "0.25"), (1500.0, 500.0, "1.5k"), (1_500_000.0, 500_000.0, "1.5M"), (2e9, 1e9, "2G"),
        (40.0, 20.0, "40"), (0.0, 0.2, "0"), (-1000.0, 500.0, "-1k"), (3.1, 0.05, "3.1"), (7e12, 1e12, "7T"),
    ])
    func tickLabelsAreCompact(value: Double, step: Double, expected: String) {
        #expect(ChartNumberFormat.tick(value, step: step) == expected)
    }

    @Test(arguments: [
        (1234.567, "1234.6"), (12.346, "12.35"), (0.012345, "0.0123"), (0.0, "0"), (2_345_678.0, "2.35M"),
        (Double.nan, "NaN"), (Double.infinity, "∞"),
    ])
    func displayedValuesAreShortButPrecise(value: Double, expected: String) {
        #expect(ChartNumberFormat.display(value) == expected)
    }

    @Test func fixedDecimalsDropTrailingZerosAndKeepLeadingOnes() {
        #expect(ChartNumberFormat.fixed(1.05, decimals: 2) == "1.05")
        #expect(ChartNumberFormat.fixed(1.5, decimals: 3) == "1.5")
        #expect(ChartNumberFormat.fixed(0.001, decimals: 3) == "0.001")
        #expect(ChartNumberFormat.fixed(-0.0001, decimals: 3) == "0")
    }

    @Test func escapingReplacesEveryMarkupCharacter() {
        #expect(HTMLEscaping.escaped("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;")
        #expect(HTMLEscaping.escaped("plain – text") == "plain – text")
        #expect(HTMLEscaping.escaped("bell\u{07}tab\t") == "bell tab\t")
    }
}
