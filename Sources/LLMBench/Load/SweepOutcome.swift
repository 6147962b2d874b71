/// What a sweep search found for one case.
public struct SweepOutcome: Sendable {
    /// 0-based case index.
    public var caseIndex: Int
    /// The highest concurrency that met the SLOs while throughput still grew; nil if none did.
    var bestConcurrency: Int?
    /// The concurrencies measured, in order.
    var steps: [Int]
    /// Throughput stopped growing before the SLOs failed: `bestConcurrency` is the saturation point.
    var isSaturated: Bool
}
