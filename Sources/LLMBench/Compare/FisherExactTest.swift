import Foundation

/// Fisher's exact test of two proportions (failed requests among all, baseline against
/// candidate), two-sided: the probability, given the margins of the 2 × 2 table, of a table at
/// most as likely as the one observed. Agrees with `scipy.stats.fisher_exact`.
struct FisherExactTest: Sendable, Equatable {
    /// The two-sided p-value.
    let pValue: Double

    /// The test of `baselineHits` of `baselineTotal` against `candidateHits` of `candidateTotal`.
    init(baselineHits: Int, baselineTotal: Int, candidateHits: Int, candidateTotal: Int) {
        let hits = baselineHits + candidateHits
        let total = baselineTotal + candidateTotal
        guard hits > 0, hits < total else {
            pValue = 1
            return
        }
        // The baseline's hits follow the hypergeometric law given the margins.
        let logDenominator = Self.logChoose(total, hits)
        let logProbability = { (count: Int) in
            Self.logChoose(baselineTotal, count) + Self.logChoose(candidateTotal, hits - count) - logDenominator
        }
        let observed = logProbability(baselineHits)
        // Tables whose probability equals the observed one up to rounding count as "as likely".
        let limit = observed + log1p(1e-7)
        var sum = 0.0
        for count in max(0, hits - candidateTotal)...min(baselineTotal, hits) {
            let probability = logProbability(count)
            if probability <= limit { sum += exp(probability) }
        }
        pValue = min(1, sum)
    }

    /// log(n choose k).
    private static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n) + 1) - lgamma(Double(k) + 1) - lgamma(Double(n - k) + 1)
    }
}
