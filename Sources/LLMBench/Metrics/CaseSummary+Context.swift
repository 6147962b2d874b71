import Foundation

extension CaseSummary {
    /// What a case's records were measured under: everything its summary states besides them.
    struct Context: Sendable {
        /// 0-based index of the case in the config.
        var caseIndex: Int
        /// The load point's position within the case (0 unless swept).
        var step: Int
        /// The case as results name it (for a variable workload, the mean lengths sent).
        var benchmarkCase: BenchmarkCase
        /// The model benchmarked.
        var model: String
        /// The load the case was measured at.
        var point: LoadPoint
        /// The latency targets the load figures are judged by.
        var slo: ServiceLevelObjectives
        /// The case's prompts as phase 1 prepared them.
        var prompts: PreparedPromptFacts
        /// Whether requests asked for their exact output length.
        var lengthControl: OutputLengthControl
        /// When the case started (UTC).
        var startedAt: Date
        /// The same instant in nanoseconds since 1970, as this machine's clock read it (nil: `startedAt`'s).
        var startedAtUnixNanoseconds: Int64? = nil
        /// How the start met the other shards', when this shard waited for them.
        var shardStart: ShardStart? = nil
        /// The server's metrics read around and during the case (start, interval and end rounds),
        /// empty when they were not read.
        var serverScrapes: [MetricScrape] = []
        /// The case's warm-up requests, which the window of `serverScrapes` holds too.
        var warmupRecords: [RequestRecord] = []
        /// The turn index the records are of, for one turn of a multi-turn case; nil for a whole case.
        var turn: Int? = nil
    }
}
