import Foundation
import LLMBenchSimulator
import Testing

@testable import LLMBench

/// Figures a user reads off a run: the original request's throughput in rate mode, cases that measured
/// nothing, the default warm-up, the final table of a sweep and settings a mode does not use.
struct RunFiguresTests {
    @Test func rateModeThroughputUsesTheUnroundedMeanConcurrency() async throws {
        // Tokens 10 ms apart, so that a loaded machine reading several at once still leaves a TPOT.
        let spaced = SimulatorOptions(
            latency: .deterministic(timeToFirstTokenMilliseconds: 2, interTokenMilliseconds: 10)
        )
        let (report, _, _, _) = try await runLoad(
            { config in
                config.load.mode = .sweep
                config.load.sweep = .rates([20, 40])
                config.load.arrival = .constant
                config.load.requests = 6
            },
            options: spaced
        )
        #expect(report.cases.count == 2)
        for summary in report.cases {
            let meanConcurrency = try #require(summary.load.meanConcurrency)
            let tpot = try #require(summary.meanTimePerOutputTokenMilliseconds)
            #expect(meanConcurrency != meanConcurrency.rounded(), "a measured mean, not a whole number")
            let throughput = try #require(summary.specThroughput)
            #expect(throughput > 0)
            #expect(abs(throughput - 1000 / tpot * meanConcurrency) < 1e-9 * throughput)
        }
    }

    @Test func aRateCasesTitleNamesItsRateNotARoundedConcurrency() async throws {
        let (report, _, _, _) = try await runLoad { config in
            config.load.mode = .rate
            config.load.rate = 40
            config.load.requests = 4
        }
        let summary = try #require(report.cases.first)
        let title = try #require(ConsoleSummary.caseBlock(summary).split(separator: "\n").first)
        #expect(title.hasSuffix("output tokens, rate 40/s"), "\(title)")
    }

    @Test func aCaseWithNoMeasuredRequestWritesARowOfZeroRequests() async throws {
        let (report, requests, rows, truths, _) = try await runLoadKeepingRows { config in
            config.load.mode = .concurrency
            config.load.durationSeconds = 0
        }
        #expect(truths.isEmpty && requests.isEmpty)
        let summary = try #require(report.cases.first)
        #expect(summary.measuredRequests == 0)
        #expect(report.unmeasuredCases == 1, "the CLI exits 1 for it")
        #expect(rows.count == 2, "the header and the case's row")
        let header = rows[0].split(separator: ",", omittingEmptySubsequences: false)
        let row = rows[1].split(separator: ",", omittingEmptySubsequences: false)
        let successes = try #require(header.firstIndex(of: "successful_requests"))
        #expect(row[successes] == "0" && row[successes + 1] == "0", "0 successful and 0 failed requests")
    }

    @Test func theDefaultWarmupGoesBeforeTheFirstCaseOnly() async throws {
        try await withTemporaryDirectory { directory in
            try await withSimulatedServer(options: deterministicSimulator) { server in
                var config = benchmarkConfig(server: server, directory: directory, runs: 1, concurrency: 3)
                config.load.warmup = nil
                let report = try await BenchmarkRunner(config: config).run()
                let records = try jsonObjects(try lines(ofFile: report.files.requests))
                let warmups = records.filter { $0["warmup"] as? Bool == true }
                #expect(warmups.count == LoadSettings.defaultWarmup(connections: 3))
                #expect(warmups.allSatisfy { $0["case"] as? Int == 0 }, "only before the first case")
                #expect(report.cases.map(\.successfulRequests) == [3, 3], "warm-up requests are not counted")
                #expect(server.truths().filter(\.isStreaming).count == 6 + warmups.count)
            }
        }
    }

    @Test func warmupZeroSendsNoWarmup() {
        var load = LoadSettings()
        #expect(load.warmupRequests(connections: 64, isFirst: true) == 8)
        #expect(load.warmupRequests(connections: 64, isFirst: false) == 0)
        load.warmup = 0
        #expect(load.warmupRequests(connections: 64, isFirst: true) == 0)
        load.warmup = 5
        #expect(load.warmupRequests(connections: 64, isFirst: false) == 5, "an explicit warm-up is per case")
    }

    @Test func aSweepsFinalTableNamesEachRowsLoad() async throws {
        let (report, _, _, _) = try await runLoad { config in
            config.load.mode = .sweep
            config.load.sweep = .concurrency([1, 2])
            config.load.requests = 4
        }
        let table = ConsoleSummary.table(report.cases).split(separator: "\n").map { $0.split(separator: " ") }
        #expect(table.first?.prefix(2) == ["case", "load"])
        #expect(table.dropFirst().map { $0[1] } == ["c=1", "c=2"])
    }

    @Test func aWavesTableKeepsItsColumns() {
        let header = ConsoleSummary.table([CaseSummary.placeholder]).split(separator: "\n").first?.split(
            separator: " "
        )
        #expect(header?.prefix(2) == ["case", "in"])
    }

    @Test func settingsTheModeDoesNotUseAreNamed() {
        var load = LoadSettings()
        load.rate = 5
        load.durationSeconds = 10
        load.arrival = .gamma
        #expect(
            load.ineffectiveSettings == [
                "load.rate has no effect in waves mode", "load.duration has no effect in waves mode",
                "load.arrival has no effect in waves mode",
            ]
        )
        load.mode = .rate
        load.burstiness = 0.5
        #expect(load.ineffectiveSettings.isEmpty)
        load.arrival = .poisson
        #expect(load.ineffectiveSettings == ["load.burstiness has no effect without arrival: gamma"])
    }
}
