import Testing

@testable import LLMBench

/// Mann-Whitney U on hand-made samples; every expected U and p-value was computed with SciPy
/// 1.17.1: `scipy.stats.mannwhitneyu(candidate, baseline, alternative='two-sided', method=M)`.
struct MannWhitneyTestTests {
    @Test func smallSamplesWithoutTiesUseTheExactDistribution() throws {
        // method='exact' -> U 27.0, p 0.030303030303030304
        let test = try #require(
            MannWhitneyTest(baseline: [1.2, 3.4, 2.2, 5.1, 0.7, 4.4], candidate: [2.9, 6.0, 7.3, 5.5, 8.1])
        )
        #expect(test.method == .exact)
        #expect(test.u == 27)
        #expect(abs(test.pValue - 0.030303030303030304) < 1e-12)
        #expect(test.commonLanguageEffect == 27.0 / 30)
        #expect(abs(test.rankBiserial - 0.8) < 1e-12)
    }

    @Test func tiesUseTheTieCorrectedNormalApproximation() throws {
        // method='asymptotic' -> U 64.5, p 0.006373133838085873
        let test = try #require(
            MannWhitneyTest(baseline: [1, 2, 2, 3, 3, 3, 4, 5], candidate: [3, 4, 4, 5, 5, 6, 7, 7, 8])
        )
        #expect(test.method == .asymptotic)
        #expect(test.u == 64.5)
        #expect(abs(test.pValue - 0.006373133838085873) < 1e-12)
    }

    /// Baseline (i·37 mod 101)/10 for i in 1…25; candidate (i·53 mod 103)/10 + `shift` for i in 1…30.
    static func largeSamples(shift: Double) -> (baseline: [Double], candidate: [Double]) {
        ((1...25).map { Double($0 * 37 % 101) / 10 }, (1...30).map { Double($0 * 53 % 103) / 10 + shift })
    }

    @Test(arguments: [
        // shift 0.05 -> U 379.0, p 0.9528240337233518; shift 4.05 -> U 619.0, p 3.8566946342361126e-05
        (0.05, 379.0, 0.9528240337233518),
        (4.05, 619.0, 3.8566946342361126e-05),
    ])
    func largerSamplesUseTheNormalApproximation(shift: Double, u: Double, pValue: Double) throws {
        let samples = Self.largeSamples(shift: shift)
        let test = try #require(MannWhitneyTest(baseline: samples.baseline, candidate: samples.candidate))
        #expect(test.method == .asymptotic)
        #expect(test.u == u)
        #expect(abs(test.pValue - pValue) / pValue < 1e-9)
    }

    @Test func twentyValuesASideAreStillExact() throws {
        // Baseline (i·7 mod 41)/4, candidate (i·11 mod 43)/4 + 0.1, i in 1…20:
        // method='exact' -> U 210.0, p 0.799407187161697 (asymptotic would give 0.7971974192691748)
        let baseline = (1...20).map { Double($0 * 7 % 41) / 4 }
        let candidate = (1...20).map { Double($0 * 11 % 43) / 4 + 0.1 }
        let test = try #require(MannWhitneyTest(baseline: baseline, candidate: candidate))
        #expect(test.method == .exact)
        #expect(test.u == 210)
        #expect(abs(test.pValue - 0.799407187161697) < 1e-12)
    }

    @Test func theExactTailOfTheSmallestSamplesIsCountedByHand() {
        // m = n = 2: U takes 0, 1, 2, 2, 3, 4 over the 6 orderings; P(U >= 3) = 2/6.
        #expect(MannWhitneyTest.exactUpperTail(atLeast: 3, 2, 2) == 2.0 / 6)
        #expect(MannWhitneyTest.exactUpperTail(atLeast: 0, 2, 2) == 1)
    }

    @Test func identicalValuesEverywhereHaveNothingToTest() throws {
        let test = try #require(MannWhitneyTest(baseline: [5, 5, 5], candidate: [5, 5]))
        #expect(test.pValue == 1)
        #expect(test.commonLanguageEffect == 0.5)
    }

    @Test func anEmptySideGivesNoTest() {
        #expect(MannWhitneyTest(baseline: [], candidate: [1, 2]) == nil)
        #expect(MannWhitneyTest(baseline: [1], candidate: []) == nil)
    }
}
