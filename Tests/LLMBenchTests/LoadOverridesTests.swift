import Testing

@testable import LLMBench

/// `--mode`, `--concurrency`, `--rate`, `--requests`, `--duration` and `--api` on a config.
struct LoadOverridesTests {
    static func overrides(
        mode: String? = nil,
        concurrency: Int? = nil,
        rate: Double? = nil,
        requests: Int? = nil,
        duration: String? = nil
    ) -> LoadOverrides {
        LoadOverrides(
            mode: mode,
            concurrency: concurrency,
            rate: rate,
            requests: requests,
            duration: duration,
            api: nil
        )
    }

    @Test func aDurationAloneTurnsWavesIntoConcurrencyForThatLong() throws {
        var config = BenchmarkConfig()
        config.runs = 3
        config.concurrency = 4
        config.load.requests = 500
        try Self.overrides(duration: "10s").apply(to: &config)
        #expect(config.load.mode == .concurrency)
        #expect(config.load.durationSeconds == 10)
        #expect(config.load.requests == nil, "the duration alone ends each case")
        #expect(try LoadPlan(config, origin: .commandLine).points == [.concurrency(4, requests: nil)])
    }

    @Test func aDurationWithARequestCountKeepsBoth() throws {
        var config = BenchmarkConfig()
        try Self.overrides(requests: 20, duration: "10s").apply(to: &config)
        #expect(config.load.requests == 20)
        #expect(try LoadPlan(config, origin: .commandLine).points == [.concurrency(1, requests: 20)])
    }

    @Test func aDurationInRateModeStaysInRateMode() throws {
        var config = BenchmarkConfig()
        try Self.overrides(rate: 5, duration: "1m").apply(to: &config)
        #expect(config.load.mode == .rate)
        #expect(try LoadPlan(config, origin: .commandLine).points == [.rate(5, requests: nil)])
    }

    @Test func aDurationWithExplicitWavesIsRefused() {
        var config = BenchmarkConfig()
        let error = #expect(throws: ConfigError.self) {
            try Self.overrides(mode: "waves", duration: "10s").apply(to: &config)
        }
        #expect(
            error?.description.contains("'--duration' is 10s with --mode waves") == true,
            "\(String(describing: error))"
        )
    }

    @Test(arguments: [
        (LoadOverridesTests.overrides(concurrency: 0), "'--concurrency' is 0, but it must be at least 1."),
        (
            LoadOverridesTests.overrides(concurrency: 2_000_000),
            "'--concurrency' is 2000000, but it must be at most 1000000."
        ),
        (
            LoadOverridesTests.overrides(requests: 200_000_000),
            "'--requests' is 200000000, but it must be at most 100000000."
        ),
        (LoadOverridesTests.overrides(rate: -5), "'--rate' is -5.0, but it must be more than 0 requests per second."),
        (LoadOverridesTests.overrides(rate: 2e9), "'--rate' is 2000000000.0, but it must be at most 1000000000."),
        (LoadOverridesTests.overrides(rate: .nan), "'--rate' is nan, but it must be more than 0 requests per second."),
        (
            LoadOverridesTests.overrides(duration: "-5s"),
            "'--duration' must be a duration such as 60, 60s, 500ms or 5m, found '-5s'."
        ),
        (
            LoadOverridesTests.overrides(duration: "400d"),
            "'--duration' must be a duration such as 60, 60s, 500ms or 5m, found '400d'."
        ),
        (LoadOverridesTests.overrides(duration: "9000h"), "'--duration' is 9000h, but it must be at most 365 days."),
    ])
    func aValueOutOfRangeNamesTheRealBound(overrides: LoadOverrides, message: String) {
        let error = #expect(throws: ConfigError.self) { try overrides.validate() }
        #expect(error?.description == "command line: \(message)")
    }
}
