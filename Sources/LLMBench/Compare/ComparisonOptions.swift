/// How `RunComparison` tests differences.
public struct ComparisonOptions: Sendable, Equatable {
    /// The significance level: a difference is significant when its p-value is below it, or its
    /// (1 − alpha) confidence interval excludes 0.
    public var alpha: Double
    /// Seeds the bootstrap's resampling and subsampling: the same seed, the same intervals.
    public var seed: UInt64
    /// Bootstrap resamples per metric and case.
    public var bootstrapResamples: Int
    /// The most values per side the bootstrap resamples from (a seeded uniform subsample of more).
    public var bootstrapSampleCap: Int
    /// Equal time windows each run's case is cut into for the throughput test.
    public var throughputWindows: Int

    public init(
        alpha: Double = 0.05,
        seed: UInt64 = 1,
        bootstrapResamples: Int = 2_000,
        bootstrapSampleCap: Int = 20_000,
        throughputWindows: Int = 10
    ) {
        self.alpha = alpha
        self.seed = seed
        self.bootstrapResamples = bootstrapResamples
        self.bootstrapSampleCap = bootstrapSampleCap
        self.throughputWindows = throughputWindows
    }
}
