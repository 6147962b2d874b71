import Testing

@testable import LLMBench

/// `client_threads`, `timestamps` and `--client-threads`: read, resolved, checked and echoed.
struct ClientConfigTests {
    static let preamble = "runs: 1\nnum_concurrent_requests: 1\ncases: [{input_tokens: 4, output_tokens: 2}]\n"

    static func config(_ yaml: String, cores: Int = 8) throws(ConfigError) -> BenchmarkConfig {
        try ConfigLoader.read(yaml: preamble + yaml, file: "bench.yaml", environment: [:], cores: cores)
    }

    static func error(_ yaml: String) -> String? {
        do {
            _ = try config(yaml)
            return nil
        } catch {
            return error.description
        }
    }

    @Test(arguments: [(1, 1), (2, 1), (3, 1), (8, 4), (64, 32)])
    func autoIsOneLoopPerTwoCoresAndAtLeastOne(cores: Int, threads: Int) throws {
        #expect(ClientThreads.automatic(cores: cores) == threads)
        #expect(try Self.config("", cores: cores).clientThreads == threads, "absent means auto")
        #expect(try Self.config("client_threads: auto", cores: cores).clientThreads == threads)
        #expect(try Self.config("client_threads: AUTO", cores: cores).clientThreads == threads)
    }

    @Test func aCountIsTakenAsGivenEvenAboveTheCores() throws {
        #expect(try Self.config("client_threads: 3").clientThreads == 3)
        #expect(try Self.config("client_threads: 16", cores: 2).clientThreads == 16)
    }

    @Test(arguments: [
        ("client_threads: 0", "bench.yaml:4:17: 'client_threads' is 0, but it must be at least 1 (or auto)."),
        ("client_threads: 2000", "bench.yaml:4:17: 'client_threads' is 2000, but it must be at most 1024."),
        (
            "client_threads: many",
            "bench.yaml:4:17: 'client_threads' must be auto or a whole number from 1 to 1024, found 'many'."
        ),
        (
            "client_threads: 1.5",
            "bench.yaml:4:17: 'client_threads' must be auto or a whole number from 1 to 1024, found '1.5'."
        ),
        ("timestamps: kernel", "bench.yaml:4:13: 'timestamps' is 'kernel', but it must be one of 'auto', 'user'."),
        ("client_thread: 2", "bench.yaml:4:1: unknown key 'client_thread'. Did you mean 'client_threads'?"),
        ("timestamp: user", "bench.yaml:4:1: unknown key 'timestamp'. Did you mean 'timestamps'?"),
    ])
    func aWrongValueSaysWhatTheKeyTakes(yaml: String, message: String) {
        #expect(Self.error(yaml) == message)
    }

    @Test func timestampsAreAutoUnlessForcedToUser() throws {
        #expect(try Self.config("").timestamps == .auto)
        #expect(try Self.config("timestamps: user").timestamps == .user)
        #expect(try Self.config("timestamps: auto").timestamps == .auto)
    }

    @Test func theSummaryEchoesTheResolvedCountAndTheTimestampSetting() throws {
        let config = try Self.config("client_threads: auto\ntimestamps: user", cores: 6)
        let written = try SummaryConfigTests.summaryConfig(of: config)
        #expect(written["client_threads"] as? Int == 3)
        #expect(written["timestamps"] as? String == "user")
    }

    @Test func theCommandLineCountOverridesTheConfigsWithinTheSameBounds() throws {
        var config = try Self.config("client_threads: 2")
        let overrides = LoadOverrides(
            mode: nil,
            concurrency: nil,
            rate: nil,
            requests: nil,
            duration: nil,
            api: nil,
            clientThreads: 5
        )
        try overrides.apply(to: &config)
        #expect(config.clientThreads == 5)
        var tooMany = overrides
        tooMany.clientThreads = 0
        #expect(
            throws: ConfigError.outOfRange(LoadOverrides.here, key: "--client-threads", value: "0", rule: "at least 1")
        ) {
            try tooMany.validate()
        }
    }
}
