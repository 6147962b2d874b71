/// A case, or one load point of it, about to be measured.
public struct CaseStart: Sendable {
    /// 0-based index of the case in the config.
    public var caseIndex: Int
    /// Cases in the config.
    var caseCount: Int
    /// The case as results name it.
    public var benchmarkCase: BenchmarkCase
    /// The load it is measured at.
    public var point: LoadPoint
}
