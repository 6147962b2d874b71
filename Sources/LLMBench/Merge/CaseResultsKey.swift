/// A case's place in a run: its index and load step.
struct CaseResultsKey: Hashable, Comparable, Sendable {
    var caseIndex: Int
    var step: Int

    static func < (lhs: Self, rhs: Self) -> Bool { (lhs.caseIndex, lhs.step) < (rhs.caseIndex, rhs.step) }
}
