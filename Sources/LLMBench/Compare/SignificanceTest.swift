/// The test behind a comparison's verdict, with its outcome.
enum SignificanceTest: Sendable, Equatable {
    /// A percentile-bootstrap interval of the difference (candidate − baseline) of a statistic of
    /// the per-request values, from `baselineValues` and `candidateValues` values (after the cap).
    case bootstrap(ConfidenceInterval, resamples: Int, baselineValues: Int, candidateValues: Int)
    /// A Mann-Whitney U test of two samples: per-request values, or per-window throughputs
    /// (`samples` says which).
    case mannWhitney(MannWhitneyTest, samples: String)
    /// Fisher's exact test of the failed share of requests.
    case fisherExact(pValue: Double)
    /// No test was possible, and why.
    case notTested(reason: String)

    /// Whether the test finds the difference significant at `alpha`; nil when untested.
    func isSignificant(alpha: Double) -> Bool? {
        switch self {
        case .bootstrap(let interval, _, _, _): interval.excludesZero
        case .mannWhitney(let test, _): test.pValue < alpha
        case .fisherExact(let pValue): pValue < alpha
        case .notTested: nil
        }
    }

    /// Whether the test's evidence points up (the candidate's values larger); nil when it has none.
    func pointsUp(change: Double?) -> Bool? {
        switch self {
        case .bootstrap(let interval, _, _, _): interval.lower > 0
        case .mannWhitney(let test, _): test.rankBiserial == 0 ? nil : test.rankBiserial > 0
        case .fisherExact: change.map { $0 > 0 }
        case .notTested: nil
        }
    }
}
