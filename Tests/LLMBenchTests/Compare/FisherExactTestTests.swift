import Testing

@testable import LLMBench

/// Fisher's exact test of failed shares; expected p-values from SciPy 1.17.1:
/// `scipy.stats.fisher_exact([[baseline_failed, baseline_ok], [candidate_failed, candidate_ok]]).pvalue`.
struct FisherExactTestTests {
    @Test(arguments: [
        (3, 100, 12, 100, 0.028671314973177094),
        (0, 1000, 5, 1000, 0.0621875785163488),
        (40, 10_000, 71, 10_000, 0.0040920538509268125),
        (7, 100, 7, 100, 1.0),
    ])
    func matchesSciPy(baselineFailed: Int, baselineTotal: Int, candidateFailed: Int, candidateTotal: Int, p: Double) {
        let test = FisherExactTest(
            baselineHits: baselineFailed,
            baselineTotal: baselineTotal,
            candidateHits: candidateFailed,
            candidateTotal: candidateTotal
        )
        #expect(abs(test.pValue - p) / p < 1e-9)
    }

    @Test func noFailuresOnEitherSideIsNoDifference() {
        #expect(FisherExactTest(baselineHits: 0, baselineTotal: 50, candidateHits: 0, candidateTotal: 80).pValue == 1)
    }
}
