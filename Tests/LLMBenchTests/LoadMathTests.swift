import Foundation
import NIOCore
import Testing

@testable import LLMBench

/// Arrival processes, goodput and SLO verdicts, sweep search and overrides, on hand-made inputs.
struct LoadMathTests {
    @Test(arguments: [LoadSettings.Arrival.poisson, .gamma, .constant])
    func everyArrivalProcessHasTheAskedMeanRate(arrival: LoadSettings.Arrival) {
        var schedule = ArrivalSchedule(rate: 50, arrival: arrival, burstiness: 0.5, seed: 11)
        let gaps = (0..<40_000).map { _ in schedule.nextGap() }
        let mean = gaps.reduce(0, +) / Double(gaps.count)
        #expect(abs(mean - 0.02) / 0.02 < 0.03)
    }

    @Test func gammaBurstinessSetsTheSpreadOfGaps() {
        for shape in [0.25, 1.0, 4.0] {
            var schedule = ArrivalSchedule(rate: 10, arrival: .gamma, burstiness: shape, seed: 5)
            let gaps = (0..<40_000).map { _ in schedule.nextGap() }
            let mean = gaps.reduce(0, +) / Double(gaps.count)
            let variance = gaps.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(gaps.count)
            let squaredCoefficient = variance / (mean * mean)
            #expect(abs(squaredCoefficient - 1 / shape) / (1 / shape) < 0.1, "CV² of gamma gaps is 1/shape")
        }
    }

    @Test func theSameSeedGivesTheSameArrivals() {
        var first = ArrivalSchedule(rate: 5, arrival: .poisson, burstiness: 1, seed: 3)
        var second = ArrivalSchedule(rate: 5, arrival: .poisson, burstiness: 1, seed: 3)
        #expect((0..<100).map { _ in first.nextGap() } == (0..<100).map { _ in second.nextGap() })
    }

    @Test func aRampUpRaisesTheRateLinearlyFromTheStart() {
        var schedule = ArrivalSchedule(rate: 10, arrival: .constant, burstiness: 1, rampUpSeconds: 1, seed: 1)
        let offsets = (0..<16).map { _ in schedule.nextArrivalOffset() }
        #expect(offsets[0] == 0)
        #expect(
            abs(offsets[1] - 0.2.squareRoot()) < 1e-9,
            "the second arrival at √(2·T·0.1 s), not after a dead second"
        )
        #expect(offsets.count { $0 < 1 - 1e-9 } == 5, "rate·T/2 arrivals during the ramp")
        let gaps = zip(offsets.dropFirst(), offsets).map { $0 - $1 }
        #expect(zip(gaps.dropFirst(), gaps).allSatisfy { $0 <= $1 + 1e-9 }, "gaps only shrink while ramping")
        #expect(abs(gaps.last! - 0.1) < 1e-9, "full rate after the ramp")
    }

    @Test func withoutARampArrivalsAreTheDrawnGapsFromTheStart() {
        var ramped = ArrivalSchedule(rate: 5, arrival: .poisson, burstiness: 1, seed: 3)
        var gaps = ArrivalSchedule(rate: 5, arrival: .poisson, burstiness: 1, seed: 3)
        var expected = [0.0]
        for _ in 1..<20 { expected.append(expected.last! + gaps.nextGap()) }
        #expect((0..<20).map { _ in ramped.nextArrivalOffset() } == expected)
    }

    @Test func goodputCountsRequestsMeetingEveryTargetOnTheirOwn() {
        var slo = ServiceLevelObjectives()
        slo.timeToFirstTokenMilliseconds = 100
        slo.timePerOutputTokenMilliseconds = 20
        slo.interTokenLatencyMilliseconds = 50
        let records = [
            timedRecord(ttft: 90, gaps: [10, 10, 10]),
            timedRecord(ttft: 120, gaps: [10, 10, 10]),
            timedRecord(ttft: 50, gaps: [30, 30, 30]),
            timedRecord(ttft: 50, gaps: [5, 60, 5]),
            timedRecord(ttft: 50, gaps: [10], failed: true),
        ]
        #expect(records.map { LoadSummary.meets(slo, $0) } == [true, false, false, false, true])
        let summary = LoadSummary(records: records, point: .concurrency(2, requests: 5), slo: slo, wallTimeSeconds: 2)
        #expect(summary.goodputRequests == 0.5)
        #expect(summary.goodputTokens == 2)
        #expect(summary.sloAttainmentPercent == 20)
        #expect(summary.meetsSLOs == false)
    }

    @Test func percentileVerdictJudgesEachTargetedMetric() {
        var slo = ServiceLevelObjectives()
        slo.timeToFirstTokenMilliseconds = 120
        slo.percentile = 50
        let records = (1...10).map { timedRecord(ttft: Double($0) * 20, gaps: [1]) }
        #expect(LoadSummary.percentilesMeet(slo, successes: records, total: 10))
        slo.percentile = 90
        #expect(!LoadSummary.percentilesMeet(slo, successes: records, total: 10))
        slo.percentile = 50
        #expect(!LoadSummary.percentilesMeet(slo, successes: Array(records.prefix(4)), total: 10), "60 % failed")
    }

    @Test func littlesLawGivesTheMeanConcurrency() {
        let records = [timedRecord(ttft: 500, gaps: [500], start: 0), timedRecord(ttft: 1000, gaps: [], start: 0)]
        let summary = LoadSummary(records: records, point: .rate(1, requests: 2), slo: .init(), wallTimeSeconds: 1)
        #expect(summary.meanConcurrency == 2)
    }

    @Test func sweepSearchDoublesThenBisectsToTheHighestGoodLoad() {
        var search = SweepSearch(maxConcurrency: 64)
        var visited: [Int] = []
        while let concurrency = search.next() {
            visited.append(concurrency)
            search.record(
                concurrency: concurrency,
                throughput: Double(min(concurrency, 20)) * 10,
                meetsSLOs: concurrency <= 12
            )
        }
        #expect(visited == [1, 2, 4, 8, 16, 12, 14, 13])
        #expect(search.best == 12)
    }

    @Test func sweepSearchStopsRisingWhenThroughputStopsGrowing() {
        var search = SweepSearch(maxConcurrency: 64)
        var visited: [Int] = []
        while let concurrency = search.next() {
            visited.append(concurrency)
            search.record(concurrency: concurrency, throughput: Double(min(concurrency, 8)) * 10, meetsSLOs: true)
        }
        #expect(visited == [1, 2, 4, 8, 16])
        #expect(search.best == 8)
        #expect(search.isSaturated)
    }

    @Test func sweepSearchWithNothingGoodHasNoBest() {
        var search = SweepSearch(maxConcurrency: 8)
        while let concurrency = search.next() {
            search.record(concurrency: concurrency, throughput: 1, meetsSLOs: false)
        }
        #expect(search.best == nil)
    }

    @Test func overridesFromTheCommandLineApplyAndAreChecked() throws {
        var config = BenchmarkConfig()
        try LoadOverrides(mode: nil, concurrency: 8, rate: 20, requests: 100, duration: "2m", api: "chat").apply(
            to: &config
        )
        #expect(config.load.mode == .rate)
        #expect(config.load.rate == 20)
        #expect(config.concurrency == 8)
        #expect(config.load.requests == 100)
        #expect(config.load.durationSeconds == 120)
        #expect(config.api == .chat)
        #expect(throws: ConfigError.self) {
            try LoadOverrides(mode: "bursty", concurrency: nil, rate: nil, requests: nil, duration: nil, api: nil)
                .apply(to: &config)
        }
        var fresh = BenchmarkConfig()
        #expect(throws: ConfigError.self) {
            try LoadOverrides(mode: "rate", concurrency: nil, rate: nil, requests: nil, duration: nil, api: nil).apply(
                to: &fresh
            )
        }
        #expect(throws: ConfigError.self) {
            try LoadOverrides(mode: nil, concurrency: nil, rate: nil, requests: nil, duration: "soon", api: nil).apply(
                to: &fresh
            )
        }
    }

    @Test func loadSloApiAndExtraBodyParseFromYAML() throws {
        let config = try ConfigLoader.parse(
            yaml: """
                runs: 1
                num_concurrent_requests: 2
                cases: [{input_tokens: 1, output_tokens: 1}]
                api: chat
                load:
                  mode: rate
                  rate: 12.5
                  arrival: gamma
                  burstiness: 0.5
                  max_concurrency: 16
                  requests: 300
                  duration: 90s
                  warmup: 4
                  ramp_up: 500ms
                slo: {ttft_ms: 500, tpot_ms: 50, itl_ms: 80, e2e_ms: 9000, percentile: 90}
                extra_body: {temperature: 0, top_p: 0.9, stop: ["\\n\\n"], logit_bias: {"50256": -100}}
                """,
            file: "load.yaml"
        )
        #expect(config.api == .chat)
        #expect(config.load.mode == .rate && config.load.rate == 12.5 && config.load.arrival == .gamma)
        #expect(config.load.burstiness == 0.5 && config.load.maxConcurrency == 16 && config.load.requests == 300)
        #expect(config.load.durationSeconds == 90 && config.load.warmup == 4 && config.load.rampUpSeconds == 0.5)
        #expect(config.slo.timeToFirstTokenMilliseconds == 500 && config.slo.percentile == 90)
        #expect(config.extraBody["temperature"] == "0")
        #expect(config.extraBody["stop"] == #"["\n\n"]"#)
        #expect(config.extraBody["logit_bias"] == #"{"50256":-100}"#)
    }

    @Test(arguments: [
        ("load: {mode: rate}", "'load.rate' is missing"),
        ("load: {mode: sweep}", "'load.sweep' is missing"),
        ("load: {mode: burst}", "'load.mode' is 'burst'"),
        ("load: {duration: soon}", "a duration such as"),
        ("load: {sweep: {concurrency: [1, 0]}}", "'load.sweep.concurrency[1]' is 0"),
        (
            "load: {sweep: {}}",
            "one of 'load.sweep.concurrency', 'load.sweep.rates' or 'load.sweep.search' is required. Add one of them."
        ),
        ("load: {concurency: 3}", "Did you mean 'load.concurrency'"),
        ("extra_body: {max_tokens: 5}", "llm-bench sets those itself"),
        ("extra_body: {ignore_eos: false}", "force_output_length: false"),
        ("extra_body: {min_tokens: 3}", "each case's output_tokens sets the length"),
        ("api: grpc", "'api' is 'grpc'"),
    ])
    func badLoadSettingsAreClearErrors(yaml: String, message: String) {
        let text = "runs: 1\nnum_concurrent_requests: 1\ncases: [{input_tokens: 1, output_tokens: 1}]\n" + yaml
        #expect {
            try ConfigLoader.parse(yaml: text, file: "bench.yaml")
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func extraBodyFieldsAndChatMessagesAreInTheRequestBody() throws {
        let address = ServerAddress(parsing: "http://127.0.0.1:9/v1")!
        let factory = RequestFactory(
            address: address,
            apiKey: nil,
            extraHeaders: [:],
            model: "m",
            api: .chat,
            extraBody: ["temperature": "0"]
        )
        var body = factory.streamingCompletionBody(
            prompt: "xin \"chào\"",
            maxTokens: 5,
            forcesLength: true
        )
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(body.readBytes(length: body.readableBytes)!)) as? [String: Any]
        )
        #expect((object["messages"] as? [[String: String]])?.first?["content"] == "xin \"chào\"")
        #expect(object["temperature"] as? Int == 0)
        #expect(object["ignore_eos"] as? Bool == true)
        #expect(object["min_tokens"] as? Int == 5)
        #expect(factory.generationPath == "/chat/completions")
    }
}
