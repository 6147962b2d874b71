/// One figure of a matched case, baseline against candidate: the values, the change, the test
/// and the verdict.
struct MetricComparison: Sendable, Equatable {
    let figure: ComparisonFigure
    /// The figures of each side; nil for a distribution, which is tested as a whole.
    let baseline: Double?
    let candidate: Double?
    let test: SignificanceTest
    let verdict: Verdict
    /// Whether its test found the change significant; false when untested.
    let isSignificant: Bool

    /// Compares `baseline` with `candidate` by `test` at `alpha`.
    init(figure: ComparisonFigure, baseline: Double?, candidate: Double?, test: SignificanceTest, alpha: Double) {
        self.figure = figure
        self.baseline = baseline
        self.candidate = candidate
        self.test = test
        let change = baseline.flatMap { before in candidate.map { $0 - before } }
        let significance = test.isSignificant(alpha: alpha)
        isSignificant = significance == true
        switch significance {
        case nil: verdict = .notTested
        case false?: verdict = .unchanged
        case true?: verdict = test.pointsUp(change: change).map { figure.direction.verdict(rose: $0) } ?? .unchanged
        }
    }

    /// Candidate − baseline; nil without both.
    var absoluteChange: Double? {
        guard let baseline, let candidate else { return nil }
        return candidate - baseline
    }

    /// The change as a fraction of the baseline (0.1 is +10 %); nil without both. From a baseline
    /// of 0 it is +∞ or −∞ the way the value moved (so it crosses every relative bound that way),
    /// and 0 when it stayed 0.
    var relativeChange: Double? {
        guard let baseline, let absoluteChange else { return nil }
        guard baseline != 0 else { return absoluteChange == 0 ? 0 : absoluteChange > 0 ? .infinity : -.infinity }
        return absoluteChange / abs(baseline)
    }
}
