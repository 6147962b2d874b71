import Foundation

/// The two-sided Mann-Whitney U test of two independent samples: does one tend to hold larger
/// values than the other?
///
/// `u` counts the pairs (baseline b, candidate c) with c > b, a tie counting one half, so
/// `u / (n_b · n_c)` is the probability that a random candidate value exceeds a random baseline
/// value (the common-language effect size). The p-value is exact (the distribution of U
/// enumerated) when both samples hold at most `exactLimit` values and no value repeats;
/// otherwise it is the normal approximation with the tie correction and a continuity
/// correction of ½. Both agree with `scipy.stats.mannwhitneyu(candidate, baseline,
/// alternative='two-sided', method='exact' | 'asymptotic')`.
struct MannWhitneyTest: Sendable, Equatable {
    /// How the p-value was found.
    enum Method: String, Sendable {
        /// From the exact distribution of U (small samples without ties).
        case exact
        /// From the tie-corrected normal approximation with continuity correction.
        case asymptotic
    }

    /// The largest sample size (on each side) for which the exact distribution is used.
    static let exactLimit = 20

    let baselineCount: Int
    let candidateCount: Int
    /// Pairs with the candidate's value larger, ties counting one half.
    let u: Double
    /// The two-sided p-value.
    let pValue: Double
    let method: Method

    /// P(candidate > baseline) + ½ P(candidate = baseline), from 0 to 1; ½ means no tendency.
    var commonLanguageEffect: Double { u / (Double(baselineCount) * Double(candidateCount)) }

    /// The rank-biserial correlation, 2 · `commonLanguageEffect` − 1, from −1 to 1: positive when
    /// the candidate's values tend to be larger.
    var rankBiserial: Double { 2 * commonLanguageEffect - 1 }

    /// The test of `baseline` against `candidate`; nil when a side has no values.
    init?(baseline: [Double], candidate: [Double]) {
        self.init(sortedBaseline: baseline.sorted(), sortedCandidate: candidate.sorted())
    }

    /// The test of two samples already sorted ascending; nil when a side has no values.
    init?(sortedBaseline baseline: [Double], sortedCandidate candidate: [Double]) {
        guard !baseline.isEmpty, !candidate.isEmpty else { return nil }
        let ranks = Self.rankSum(sortedBaseline: baseline, sortedCandidate: candidate)
        let nb = Double(baseline.count)
        let nc = Double(candidate.count)
        baselineCount = baseline.count
        candidateCount = candidate.count
        u = ranks.candidateRankSum - nc * (nc + 1) / 2
        let larger = max(u, nb * nc - u)
        if !ranks.hasTies, baseline.count <= Self.exactLimit, candidate.count <= Self.exactLimit {
            method = .exact
            pValue = min(1, 2 * Self.exactUpperTail(atLeast: Int(larger), baselineCount, candidate.count))
        } else {
            method = .asymptotic
            let total = nb + nc
            let variance = nb * nc / 12 * ((total + 1) - ranks.tieTerm / (total * (total - 1)))
            // Every value equal: no ordering to test.
            guard variance > 0 else {
                pValue = 1
                return
            }
            let z = (larger - nb * nc / 2 - 0.5) / variance.squareRoot()
            pValue = min(1, max(0, erfc(z / 2.0.squareRoot())))
        }
    }

    /// The candidate's rank sum in the pooled sample (tied values sharing their mean rank), the
    /// tie term Σ(t³ − t) over groups of t equal values, and whether any value repeats.
    private static func rankSum(
        sortedBaseline baseline: [Double],
        sortedCandidate candidate: [Double]
    ) -> (candidateRankSum: Double, tieTerm: Double, hasTies: Bool) {
        var b = 0
        var c = 0
        var ranked = 0
        var rankSum = 0.0
        var tieTerm = 0.0
        while b < baseline.count || c < candidate.count {
            let value = min(
                b < baseline.count ? baseline[b] : .infinity,
                c < candidate.count ? candidate[c] : .infinity
            )
            let firstB = b
            let firstC = c
            while b < baseline.count, baseline[b] == value { b += 1 }
            while c < candidate.count, candidate[c] == value { c += 1 }
            let group = Double(b - firstB + c - firstC)
            rankSum += Double(c - firstC) * (Double(ranked) + (group + 1) / 2)
            tieTerm += group * group * group - group
            ranked += b - firstB + c - firstC
        }
        return (rankSum, tieTerm, tieTerm > 0)
    }

    /// P(U ≥ `threshold`) under the null hypothesis for samples of `m` ≥ 1 and `n` ≥ 1 values
    /// without ties, from the counts of orderings giving each U: the largest value either comes
    /// from the first sample and exceeds all n others, or from the second, so
    /// N(m, n, u) = N(m − 1, n, u − n) + N(m, n − 1, u).
    static func exactUpperTail(atLeast threshold: Int, _ m: Int, _ n: Int) -> Double {
        // counts[j][u]: orderings of i − 1 values of the first sample and j of the second with U = u.
        var counts = [[Double]](repeating: [1], count: n + 1)
        for i in 1...m {
            var row = [[Double]](repeating: [1], count: n + 1)
            for j in 1...n {
                var frequencies = [Double](repeating: 0, count: i * j + 1)
                for (value, count) in counts[j].enumerated() { frequencies[value + j] += count }
                for (value, count) in row[j - 1].enumerated() { frequencies[value] += count }
                row[j] = frequencies
            }
            counts = row
        }
        let frequencies = counts[n]
        let total = frequencies.reduce(0, +)
        let tail = frequencies.indices.filter { $0 >= threshold }.reduce(0.0) { $0 + frequencies[$1] }
        return tail / total
    }
}
