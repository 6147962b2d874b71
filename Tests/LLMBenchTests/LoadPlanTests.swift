import Testing

@testable import LLMBench

/// `LoadPlan`: one resolution of runs, `num_concurrent_requests` and `load:`, and one check of
/// what each mode needs, whether the settings come from the file or the command line.
struct LoadPlanTests {
    static func config(_ change: (inout BenchmarkConfig) -> Void) -> BenchmarkConfig {
        var config = BenchmarkConfig()
        config.runs = 2
        config.concurrency = 3
        change(&config)
        return config
    }

    @Test(arguments: [
        (LoadPlanTests.config { _ in }, 3),
        (
            LoadPlanTests.config {
                $0.load.mode = .concurrency; $0.load.concurrency = 40
            }, 40
        ),
        (
            LoadPlanTests.config {
                $0.load.mode = .rate; $0.load.rate = 100; $0.load.maxConcurrency = 12
            }, 12
        ),
        (
            LoadPlanTests.config {
                $0.load.mode = .sweep; $0.load.sweep = .concurrency([2, 9, 4])
            }, 9
        ),
        (
            LoadPlanTests.config {
                $0.load.mode = .sweep; $0.load.sweep = .search(maxConcurrency: 64)
            }, 64
        ),
    ])
    func peakConnectionsAreTheMostAnyStepHolds(config: BenchmarkConfig, peak: Int) throws {
        #expect(try LoadPlan(config, origin: .commandLine).peakConnections == peak)
    }

    @Test func aSearchStepSendsRunsTimesItsConcurrencyUnlessARequestCountIsSet() throws {
        var config = Self.config {
            $0.load.mode = .sweep; $0.load.sweep = .search(maxConcurrency: 8)
        }
        let plan = try LoadPlan(config, origin: .commandLine)
        #expect(plan.steps == .search(maxConcurrency: 8))
        #expect(plan.points.isEmpty)
        #expect(plan.searchPoint(concurrency: 4) == .concurrency(4, requests: 8))
        config.load.requests = 5
        #expect(try LoadPlan(config, origin: .commandLine).searchPoint(concurrency: 4) == .concurrency(4, requests: 5))
    }

    @Test func theFileAndTheCommandLineAreCheckedAlikeAndNamedApart() {
        let rate = Self.config { $0.load.mode = .rate }
        let sweep = Self.config { $0.load.mode = .sweep }
        let place = ConfigError.Location(file: "bench.yaml", line: 4, column: 3)
        #expect(throws: ConfigError.missingKey(place, key: "load.rate")) { try LoadPlan(rate, origin: .file(place)) }
        #expect(throws: ConfigError.missingKey(place, key: "load.sweep")) { try LoadPlan(sweep, origin: .file(place)) }
        #expect(throws: ConfigError.missingOneOf(LoadOverrides.here, keys: ["--rate", "load.rate"])) {
            try LoadPlan(rate, origin: .commandLine)
        }
        #expect(throws: ConfigError.missingKey(LoadOverrides.here, key: "load.sweep")) {
            try LoadPlan(sweep, origin: .commandLine)
        }
    }

    @Test func concurrencyFromTheCommandLineLeavesNoSettingWithoutEffect() throws {
        var config = Self.config { $0.load.concurrency = 6 }
        config.load.mode = .concurrency
        try LoadOverrides(mode: "waves", concurrency: 8, rate: nil, requests: nil, duration: nil, api: nil)
            .apply(to: &config)
        let plan = try LoadPlan(config, origin: .commandLine)
        #expect(plan.points == [.waves(runs: 2, concurrency: 8)])
        #expect(plan.ineffectiveSettings.isEmpty)
    }

    @Test func concurrencyFromTheCommandLineSetsTheConcurrencyOfConcurrencyMode() throws {
        var config = Self.config {
            $0.load.mode = .concurrency; $0.load.concurrency = 6
        }
        try LoadOverrides(mode: nil, concurrency: 8, rate: nil, requests: nil, duration: nil, api: nil)
            .apply(to: &config)
        #expect(try LoadPlan(config, origin: .commandLine).points == [.concurrency(8, requests: 16)])
    }
}
