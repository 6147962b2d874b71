import Testing

@testable import LLMBench

/// `server_metrics`: every form it accepts, and an error naming the key and what to write for
/// every form it refuses.
struct ServerMetricsConfigTests {
    static func settings(_ line: String?) throws -> ServerMetricsSettings {
        let yaml = minimalConfigYAML + (line.map { "\n" + $0 } ?? "")
        return try ConfigLoader.parse(yaml: yaml, file: "bench.yaml").serverMetrics
    }

    static func error(_ line: String) -> ConfigError? {
        do {
            _ = try ConfigLoader.parse(yaml: minimalConfigYAML + "\n" + line, file: "bench.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test func absentKeyChoosesTheServersOwnMetricsPage() throws {
        #expect(try Self.settings(nil) == ServerMetricsSettings(source: .automatic, intervalMilliseconds: 1000))
        #expect(try Self.settings("server_metrics: auto") == ServerMetricsSettings())
        #expect(try Self.settings("server_metrics: true") == ServerMetricsSettings())
    }

    @Test(arguments: ["server_metrics: off", "server_metrics: false", "server_metrics: \"OFF\""])
    func offOrFalseTurnsScrapingOff(line: String) throws {
        #expect(try Self.settings(line).source == .off)
    }

    @Test func oneURLWithAnIntervalAndATimeout() throws {
        let settings = try Self.settings(
            "server_metrics: {url: 'http://10.0.0.5:8000/metrics', interval_ms: 250, timeout_ms: 800}"
        )
        let address = try #require(ServerAddress(parsing: "http://10.0.0.5:8000/metrics"))
        #expect(
            settings
                == ServerMetricsSettings(source: .urls([address]), intervalMilliseconds: 250, timeoutMilliseconds: 800)
        )
    }

    @Test func aListOfURLsKeepsItsOrder() throws {
        let settings = try Self.settings(
            "server_metrics:\n  url: [http://a:9000/metrics, 'https://b/metrics?x=1']\n  interval_ms: 0"
        )
        guard case .urls(let addresses) = settings.source else {
            Issue.record("expected urls, got \(settings.source)")
            return
        }
        #expect(addresses.map(\.description) == ["http://a:9000/metrics", "https://b/metrics?x=1"])
        #expect(settings.intervalMilliseconds == 0)
    }

    @Test func aMappingWithoutURLKeepsTheAutomaticChoice() throws {
        #expect(
            try Self.settings("server_metrics: {interval_ms: 500}") == ServerMetricsSettings(intervalMilliseconds: 500)
        )
    }

    @Test(arguments: [
        ("server_metrics: sometimes", "'server_metrics' must be off (or false), auto, or a mapping such as"),
        ("server_metrics: [1, 2]", "'server_metrics' must be off (or false), auto, or a mapping such as"),
        ("server_metrics: {interval_ms: 50}", "'server_metrics.interval_ms' is 50, but it must be 0 (read only"),
        ("server_metrics: {interval_ms: -1}", "'server_metrics.interval_ms' is -1, but it must be 0 (read only"),
        ("server_metrics: {interval_ms: fast}", "'server_metrics.interval_ms' must be a whole number"),
        ("server_metrics: {timeout_ms: 10}", "'server_metrics.timeout_ms' is 10, but it must be at least 100 ms"),
        (
            "server_metrics: {url: []}",
            "'server_metrics.url' is empty, but it must be a list of at least one metrics URL"
        ),
        ("server_metrics: {url: ftp://x/metrics}", "'server_metrics.url' must be an http:// or https:// URL"),
        ("server_metrics: {url: [http://a/metrics, {x: 1}]}", "'server_metrics.url[1]' must be an http:// or https://"),
        ("server_metrics: {url: 'http://u:pw@a/metrics'}", "'server_metrics.url' must be a URL without credentials"),
        (
            "server_metrics: {urls: http://a/metrics}",
            "unknown key 'server_metrics.urls'. Did you mean 'server_metrics.url'?"
        ),
    ])
    func refusedFormsNameTheKeyAndWhatToWrite(line: String, message: String) throws {
        let error = try #require(Self.error(line))
        #expect(error.description.contains(message), "\(error)")
        #expect(!error.description.contains("pw@"))
    }

    @Test func theSummarysConfigRepeatsTheSettings() throws {
        let settings = try Self.settings("server_metrics: {url: 'http://a:9000/metrics', interval_ms: 300}")
        var config = BenchmarkConfig()
        config.serverMetrics = settings
        let written = try SummaryConfigTests.summaryConfig(of: config)["server_metrics"] as? [String: Any]
        #expect(written?["url"] as? [String] == ["http://a:9000/metrics"])
        #expect(written?["interval_ms"] as? Int == 300)
        config.serverMetrics.source = .off
        #expect(try SummaryConfigTests.summaryConfig(of: config)["server_metrics"] as? String == "off")
    }
}
