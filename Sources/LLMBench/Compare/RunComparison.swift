/// Baseline runs against candidate runs: their cases matched by inputs and load point, each
/// matched case's figures compared with a significance test, and the cases only one side has.
///
/// Several runs on a side (repeats of one benchmark) pool the records of each matched case.
/// The result depends only on the runs and the options: the same seed gives the same intervals.
public struct RunComparison: Sendable {
    /// What each side is called in outputs (e.g. the path it was read from).
    public let baselineName: String
    public let candidateName: String
    /// The ids of each side's runs, in the order given.
    public let baselineRunIDs: [String]
    public let candidateRunIDs: [String]
    public let options: ComparisonOptions
    /// The cases both sides have, in the baseline's order.
    let cases: [CaseComparison]
    /// Cases of one side that the other lacks, each side's order.
    let unmatchedBaseline: [CaseKey]
    let unmatchedCandidate: [CaseKey]

    /// Compares `candidate` with `baseline`.
    public init(
        baseline: [RunResults],
        candidate: [RunResults],
        baselineName: String = "baseline",
        candidateName: String = "candidate",
        options: ComparisonOptions = .init()
    ) {
        self.baselineName = baselineName
        self.candidateName = candidateName
        baselineRunIDs = baseline.map(\.runID)
        candidateRunIDs = candidate.map(\.runID)
        self.options = options
        let before = Self.samples(of: baseline)
        let after = Self.samples(of: candidate)
        var cases: [CaseComparison] = []
        for key in before.order {
            guard let old = before.samples[key], let new = after.samples[key] else { continue }
            cases.append(CaseComparison(key: key, baseline: old, candidate: new, options: options, stream: cases.count))
        }
        self.cases = cases
        unmatchedBaseline = before.order.filter { after.samples[$0] == nil }
        unmatchedCandidate = after.order.filter { before.samples[$0] == nil }
    }

    /// The cases of `runs` by key, in the order first seen, each with its counted records.
    private static func samples(of runs: [RunResults]) -> (order: [CaseKey], samples: [CaseKey: CaseSample]) {
        var order: [CaseKey] = []
        var samples: [CaseKey: CaseSample] = [:]
        for run in runs {
            let records = Dictionary(grouping: run.records.filter { !$0.isWarmup }) {
                CaseStep(caseIndex: $0.caseIndex, step: $0.step)
            }
            for results in run.cases {
                let key = CaseKey(results)
                let caseRecords = records[CaseStep(caseIndex: results.caseIndex, step: results.step)] ?? []
                if let sample = samples[key] {
                    samples[key] = CaseSample(cases: sample.cases + [results], records: sample.records + [caseRecords])
                } else {
                    order.append(key)
                    samples[key] = CaseSample(cases: [results], records: [caseRecords])
                }
            }
        }
        return (order, samples)
    }
}

/// A case's (or step's) place in a run.
private struct CaseStep: Hashable {
    let caseIndex: Int
    let step: Int
}
