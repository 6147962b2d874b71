/// A case, or one load point of it, about to be measured.
public struct CaseStart: Sendable {
    /// 0-based index of the case in the config.
    public var caseIndex: Int
    /// 0-based load point of the case (a sweep's step; 0 otherwise).
    public var step = 0
    /// Cases in the config.
    var caseCount: Int
    /// The case as results name it.
    public var benchmarkCase: BenchmarkCase
    /// The load it is measured at.
    public var point: LoadPoint
}
