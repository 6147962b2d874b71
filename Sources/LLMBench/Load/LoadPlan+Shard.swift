/// A shard's share of the load: each count divided so that the shards together make exactly the
/// configured load (remainders spread over the first shards), each rate divided evenly.
extension LoadPlan {
    /// `steps` as shard `shard` sends them; throws when a share would be empty (a shard with
    /// nothing to send) or the load cannot be divided (a sweep search). A trace case's rows are
    /// divided where its plan is made (`ShardSelection.keeps(row:)`).
    static func share(_ steps: Steps, of shard: ShardSelection, config: BenchmarkConfig) throws(ConfigError) -> Steps {
        // A trace case divides its rows, not the mode's counts: with traces alone those are unused.
        guard config.cases.contains(where: { if case .trace = $0.workload { false } else { true } }) else {
            return steps
        }
        guard case .points(let points) = steps else {
            throw refusal(
                shard,
                "used without a sweep search, which picks each step from what it measured and no shard sees whole: run it in one process"
            )
        }
        var shared: [LoadPoint] = []
        for point in points {
            switch point {
            case .waves(let runs, let concurrency):
                shared.append(
                    .waves(runs: runs, concurrency: try nonEmpty(shard, concurrency, "num_concurrent_requests"))
                )
            case .concurrency(let concurrency, let requests):
                shared.append(
                    .concurrency(
                        try nonEmpty(shard, concurrency, "the concurrency"),
                        requests: try requests.map { (total: Int) throws(ConfigError) in
                            try nonEmpty(shard, total, "the requests")
                        }
                    )
                )
            case .rate(let rate, let requests):
                shared.append(
                    .rate(
                        shard.share(ofRate: rate),
                        requests: try requests.map { (total: Int) throws(ConfigError) in
                            try nonEmpty(shard, total, "the requests")
                        }
                    )
                )
            case .trace:
                shared.append(point)
            }
        }
        return .points(shared)
    }

    /// `shard`'s share of `total`, which must leave every shard at least one.
    private static func nonEmpty(_ shard: ShardSelection, _ total: Int, _ what: String) throws(ConfigError) -> Int {
        guard total >= shard.count else {
            throw refusal(
                shard,
                "such that each of the \(shard.count) shards gets at least one of \(what) (\(total)): use at most \(total) shards, or raise it"
            )
        }
        return shard.share(of: total)
    }

    private static func refusal(_ shard: ShardSelection, _ rule: String) -> ConfigError {
        .outOfRange(LoadOverrides.here, key: "--shard", value: "\(shard.index)/\(shard.count)", rule: rule)
    }
}

extension BenchmarkConfig {
    /// Checks that the load divides into `shard`'s share (when set) and that a seed makes every
    /// shard prepare the same prompts.
    public func checkShard() throws(ConfigError) {
        guard let shard else { return }
        guard seed != nil else {
            throw .outOfRange(
                LoadOverrides.here,
                key: "--shard",
                value: "\(shard.index)/\(shard.count)",
                rule:
                    "used with a seed, so that every shard prepares the same prompts: set seed: in the config or pass --seed"
            )
        }
        _ = try LoadPlan(self, origin: .commandLine)
    }
}
