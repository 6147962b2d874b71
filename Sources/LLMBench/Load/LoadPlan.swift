/// The load of a benchmark, normalised: `runs`, `num_concurrent_requests` and the `load:` section
/// (after any command-line override) resolved once into the steps each case runs.
///
/// The one place that decides a step's concurrency, rate and request count, and that checks a
/// mode has what it needs; the config file and the command line both go through it.
struct LoadPlan: Sendable, Equatable {
    /// Where the load settings were given, for the message when a mode lacks what it needs.
    enum Origin: Sendable {
        /// In the config file; the location is the `load:` section's.
        case file(ConfigError.Location)
        /// Changed on the command line (`--mode`, `--rate`, …).
        case commandLine
    }

    /// What each case runs.
    enum Steps: Sendable, Equatable {
        /// These load points, in order.
        case points([LoadPoint])
        /// The concurrencies a `SweepSearch` picks, up to `maxConcurrency`, one step each.
        case search(maxConcurrency: Int)
    }

    /// The steps of each case (a shard's share of them when sharded).
    let steps: Steps
    /// The steps of the whole load, of which `steps` is a shard's share (the same when unsharded).
    let wholeSteps: Steps
    /// The `load:` section as given: the pacing, warm-up and cap the driver applies.
    let settings: LoadSettings
    /// Runs per case, the factor of the default request count (`runs × concurrency`).
    private let runs: Int
    /// 0-based indexes of the cases that replay a trace (on its own schedule, whatever the mode).
    let traceCases: [Int]
    /// Cases in the config.
    let caseCount: Int

    /// Resolves `config`'s load; throws when its mode lacks a setting it needs (a rate, a sweep).
    init(_ config: BenchmarkConfig, origin: Origin) throws(ConfigError) {
        let load = config.load
        var settings = load
        // Shards share the warm-up too, so theirs lasts as long as the whole's and ends in step.
        if let shard = config.shard { settings.warmup = load.warmup.map(shard.share(of:)) }
        self.settings = settings
        runs = config.runs
        traceCases = config.cases.indices.filter {
            if case .trace = config.cases[$0].workload { true } else { false }
        }
        caseCount = config.cases.count
        // A duration without a request count runs for the whole duration.
        let requests = { (concurrency: Int) -> Int? in
            load.requests ?? (load.durationSeconds == nil ? config.runs * concurrency : nil)
        }
        let configured: Steps
        switch load.mode {
        case .waves:
            configured = .points([.waves(runs: config.runs, concurrency: config.concurrency)])
        case .concurrency:
            let concurrency = load.concurrency ?? config.concurrency
            configured = .points([.concurrency(concurrency, requests: requests(concurrency))])
        case .rate:
            guard let rate = load.rate else { throw origin.missing("rate") }
            configured = .points([.rate(rate, requests: requests(config.concurrency))])
        case .sweep:
            switch load.sweep {
            case .concurrency(let values)?:
                configured = .points(values.map { .concurrency($0, requests: requests($0)) })
            case .rates(let rates)?:
                configured = .points(rates.map { .rate($0, requests: requests(config.concurrency)) })
            case .search(let maximum)?: configured = .search(maxConcurrency: maximum)
            case nil: throw origin.missing("sweep")
            }
        }
        wholeSteps = configured
        steps =
            try config.shard.map { (shard) throws(ConfigError) in try Self.share(configured, of: shard, config: config)
            } ?? configured
    }

    /// The load points of each case; empty for a search, whose points `searchPoint(concurrency:)` makes.
    var points: [LoadPoint] {
        if case .points(let points) = steps { return points }
        return []
    }

    /// The step of a search at `concurrency`: `load.requests`, or `runs × concurrency`, requests.
    func searchPoint(concurrency: Int) -> LoadPoint {
        .concurrency(concurrency, requests: settings.requests ?? runs * concurrency)
    }

    /// Connections `point` opens before timing.
    func connections(for point: LoadPoint) -> Int {
        point.connectionsNeeded(cap: settings.maxConcurrency)
    }

    /// The most connections any step holds at once.
    var peakConnections: Int { peakConnections(of: steps) }

    /// The most connections any step of the whole load holds at once, over all shards.
    var wholePeakConnections: Int { peakConnections(of: wholeSteps) }

    private func peakConnections(of steps: Steps) -> Int {
        switch steps {
        case .search(let maximum): maximum
        case .points(let points): points.map(connections(for:)).max() ?? 1
        }
    }

    /// One sentence per setting that the mode (or, for trace cases, the trace) does not use, so
    /// none is silently ignored.
    var ineffectiveSettings: [String] {
        traceCases.isEmpty ? settings.ineffectiveSettings : ineffectiveSettingsWithTraces
    }
}

extension LoadPlan.Origin {
    /// The error for a mode without its `setting` (`rate` or `sweep`).
    func missing(_ setting: String) -> ConfigError {
        switch self {
        case .file(let location):
            .missingKey(location, key: "load.\(setting)")
        case .commandLine:
            setting == "rate"
                ? .missingOneOf(LoadOverrides.here, keys: ["--rate", "load.rate"])
                : .missingKey(LoadOverrides.here, key: "load.\(setting)")
        }
    }
}
