import Foundation
import Testing

@testable import LLMBench

struct HTMLReportTests {
    /// A run of one case: `count` requests, every `failEvery`-th failing, sent 10 ms apart.
    /// Each successful request has `gaps` ITL gaps (`gaps + 1` output tokens).
    static func run(
        count: Int,
        failEvery: Int = 0,
        gaps: Int = 16,
        model: String = "sim",
        id: String = "abc123"
    ) -> RunResults {
        let records = (0..<count).map { index in
            let jitter = Double((index * 7919) % 1000) / 10
            return ReportFixtures.record(
                index: index,
                sendSeconds: Double(index) * 0.01,
                ttft: 20 + jitter,
                total: 400 + jitter * 3,
                itl: (0..<gaps).map { 20 + Double(($0 * 31 + index) % 97) / 10 },
                isSuccess: failEvery == 0 || index % failEvery != failEvery - 1,
                outputTokens: gaps + 1,
                serverOutputTokens: gaps + 1
            )
        }
        let failed = records.count { !$0.isSuccess }
        let results = ReportFixtures.results([
            "model": .string(model), "input_tokens": .integer(128), "output_tokens": .integer(gaps + 1),
            "load_mode": .string("concurrency"), "load_concurrency": .integer(16),
            "successful_requests": .integer(count - failed), "failed_requests": .integer(failed),
            "failures": .string(failed > 0 ? "timeout=\(failed)" : ""),
            "ttft_p50_ms": .number(70), "ttft_p99_ms": .number(119.5), "ttft_mean_ms": .number(70.1),
            "tpot_mean_ms": .number(25), "output_throughput_tps": .number(600),
        ])
        return ReportFixtures.run(
            id: id,
            config: ["model": .string(model)],
            cases: [results],
            records: [ReportFixtures.record(index: -1, sendSeconds: 0, isWarmup: true)] + records
        )
    }

    /// The `<figure class="chart" id="…">` elements of `html`, by id.
    static func figures(in html: String) -> [String: String] {
        var figures: [String: String] = [:]
        var rest = html[...]
        while let open = rest.range(of: "<figure class=\"chart\" id=\"") {
            let idEnd = rest[open.upperBound...].firstIndex(of: "\"")!
            let close = rest[open.upperBound...].range(of: "</figure>")!
            figures[String(rest[open.upperBound..<idEnd])] = String(rest[open.lowerBound..<close.upperBound])
            rest = rest[close.upperBound...]
        }
        return figures
    }

    /// Every `(data-x, data-y)` pair in `html`, in order.
    static func plotted(in html: String) -> [(x: String, y: String)] {
        let pattern = try! NSRegularExpression(pattern: #"data-x="([^"]*)" data-y="([^"]*)""#)
        let text = html as NSString
        return pattern.matches(in: html, range: NSRange(location: 0, length: text.length)).map {
            (text.substring(with: $0.range(at: 1)), text.substring(with: $0.range(at: 2)))
        }
    }

    @Test func showsOneFigurePerExpectedChart() {
        let html = HTMLReport(runs: [Self.run(count: 50, failEvery: 10)]).render()
        let ids = Set(Self.figures(in: html).keys)
        #expect(
            ids == [
                "tokens-per-second", "requests-in-flight", "failures-over-time", "timeline-0",
                "c1-cdf-ttft", "c1-cdf-tpot", "c1-cdf-itl", "c1-cdf-e2e",
                "c1-prompt-lengths", "c1-output-lengths",
            ]
        )
        #expect(html.contains("<section id=\"case-1\""))
        #expect(html.contains("<caption>Latency (ms) of Case 1"))
        #expect(html.contains("<caption>Failed requests by class</caption>"))
    }

    @Test func plotsTheRecordsExactValues() throws {
        let run = Self.run(count: 50, failEvery: 10)
        let html = HTMLReport(runs: [run]).render()
        let figure = try #require(Self.figures(in: html)["c1-cdf-ttft"])
        let plotted = Self.plotted(in: figure)
        let successes = run.records.filter { $0.isSuccess && !$0.isWarmup }
        let ttfts = successes.compactMap { $0.latencies[.ttft] }.sorted()
        #expect(plotted.map(\.x) == ttfts.map(JSONObjectWriter.number))
        #expect(plotted.map(\.y) == ttfts.indices.map { JSONObjectWriter.number(Double($0 + 1) / Double(ttfts.count)) })
    }

    @Test func plotsSweepPointsAsTheResultsColumns() throws {
        let run = LoadCurvesTests.sweepRun()
        let html = HTMLReport(runs: [run]).render()
        let figure = try #require(Self.figures(in: html)["throughput-ttft"])
        let expected = run.cases.map {
            (
                JSONObjectWriter.number($0.number("output_throughput_tps")!),
                JSONObjectWriter.number($0.number("ttft_p99_ms")!)
            )
        }
        let plotted = Self.plotted(in: figure)
        for pair in expected { #expect(plotted.contains { $0 == pair }) }
        #expect(html.contains("<section id=\"load\""))
    }

    @Test func referencesNothingOutsideThePage() {
        let html = HTMLReport(runs: [Self.run(count: 200, failEvery: 7), LoadCurvesTests.sweepRun(id: "zzzzzz")])
            .render()
        let pattern = try! NSRegularExpression(pattern: #"(?:src|href)\s*=\s*["']([^"']*)["']|url\(([^)]*)\)"#)
        let text = html as NSString
        let targets = pattern.matches(in: html, range: NSRange(location: 0, length: text.length)).map { match in
            (1...2).compactMap {
                match.range(at: $0).location == NSNotFound ? nil : text.substring(with: match.range(at: $0))
            }.joined()
        }
        #expect(!targets.isEmpty)
        for target in targets {
            #expect(!target.contains("http:") && !target.contains("https:") && !target.contains("//"), "\(target)")
        }
        #expect(!html.contains("<link"))
        #expect(html.components(separatedBy: "<script").count == 2)
    }

    @Test func escapesHostileTexts() {
        let hostile = "<script>alert(1)</script>"
        var run = Self.run(count: 10, model: hostile)
        run.definitions["x\"><img src=x onerror=alert(2)>"] = hostile
        let html = HTMLReport(runs: [run], options: ReportOptions(title: "A & B <b>")).render()
        #expect(!html.contains(hostile))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<title>A &amp; B &lt;b&gt;</title>"))
        #expect(html.components(separatedBy: "<script").count == 2)
    }

    @Test func writesTheSameBytesForTheSameRuns() {
        let first = HTMLReport(runs: [Self.run(count: 300, failEvery: 9), LoadCurvesTests.sweepRun(id: "zzzzzz")])
            .render()
        let second = HTMLReport(runs: [Self.run(count: 300, failEvery: 9), LoadCurvesTests.sweepRun(id: "zzzzzz")])
            .render()
        #expect(first == second)
    }

    @Test func staysUnderOneMegabyteForTenThousandRequests() {
        let html = HTMLReport(runs: [Self.run(count: 10_000, failEvery: 50, gaps: 100)]).render()
        #expect(html.utf8.count < 1_000_000)
        #expect(html.contains("1500 of 10000 requests shown"))
    }

    @Test func staysUnderOneMegabyteForFiveOverlaidRunsOfTenThousandRequests() {
        // 16 ITL gaps per request keep the test quick in debug builds; the page's size does not
        // grow with the gaps (the CDFs and lines are capped), as the 100-gap size tests show.
        let runs = (0..<5).map { Self.run(count: 10_000, failEvery: 50, gaps: 16, id: "run00\($0)") }
        let html = HTMLReport(runs: runs).render()
        #expect(html.utf8.count < 1_000_000, "\(html.utf8.count) bytes")
        // The page's 1,500 timeline rows shared by the five runs, the over-time lines too.
        #expect(html.components(separatedBy: "<desc id=\"timeline-4-desc\">300 of 10000 requests shown").count == 2)
        let inFlight = Self.figures(in: html)["requests-in-flight"] ?? ""
        #expect(Self.plotted(in: inFlight).count <= 5 * TimeBuckets.maximumCount(runs: 5))
    }

    @Test func staysUnderOneMegabyteForATenStepSweepOfTenThousandRequests() {
        var run = Self.run(count: 10_000, failEvery: 50, gaps: 100)
        run.records = run.records.map { record in
            var record = record
            record.step = max(0, record.index) / 1000
            return record
        }
        run.cases = (0..<10).map { step in
            var results = run.cases[0]
            results.step = step
            results.columns["load_concurrency"] = .integer(1 << step)
            return results
        }
        let html = HTMLReport(runs: [run]).render()
        // Six charts per step, four over time, and the four load charts the fixture's columns give
        // (TTFT against load, throughput against load, TTFT against throughput, Pareto).
        #expect(Self.figures(in: html).count == 10 * 6 + 4 + 4)
        #expect(html.utf8.count < 1_000_000)
    }

    @Test func writesACompletePageForNoRun() {
        let html = HTMLReport(runs: []).render()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(html.contains("<title>llm-bench report: no run</title>"))
        #expect(html.contains("<section id=\"runs\""))
        #expect(html.contains("No run was found, so there is nothing to show."))
        #expect(!html.contains("<figure") && !html.contains("<table"))
        #expect(!html.contains("<section id=\"over-time\""))
    }

    @Test func marksAKilledRunsUnknownsAndTakesItsLoadModelFromItsCases() {
        var run = Self.run(count: 20)
        run.version = ""
        run.finishedAt = ""
        run.seed = nil
        run.configFile = nil
        run.config = .null
        run.definitions = [:]
        run.wasInterrupted = true
        run.isUnfinished = true
        let html = HTMLReport(runs: [run]).render()
        #expect(html.contains("<strong>Unfinished run.</strong> run abc123 was killed before its end"))
        #expect(html.contains("its config, seed, tool version, end and metric definitions are unknown"))
        for (field, value) in [
            ("Tool", "llm-bench (version –)"), ("Finished (UTC)", "–"), ("Load model", "concurrency"),
            ("SLOs", "–"), ("Model", "sim"), ("Seed", "–"),
            ("Interrupted", "yes: killed before its end (its summary is empty)"),
        ] {
            #expect(html.contains("<th scope=\"row\">\(field)</th><td>\(value)</td>"), "\(field)")
        }
        #expect(!html.contains("waves"))
        #expect(html.contains("<meta name=\"generator\" content=\"llm-bench\">"))
    }

    @Test func drawsRetriedFailuresAtTheirLastAttemptAndNeverAboveTheConcurrency() throws {
        // Four slots, each sending its next request when the last one ended, 100 ms each. Every
        // third request fails on a first attempt of 30 ms, backs off 20 ms, and fails again on a
        // second attempt sent at +50 ms: its clock and its end are those of the second attempt.
        var records: [RecordSample] = []
        for slot in 0..<4 {
            for position in 0..<30 {
                let index = slot * 30 + position
                let start = Double(position) * 0.1 + Double(slot) * 0.01
                var record = ReportFixtures.record(
                    index: index,
                    sendSeconds: start,
                    ttft: 10,
                    total: 100,
                    itl: [30, 30, 30],
                    isSuccess: index % 3 != 2,
                    errorKind: "http_503"
                )
                if !record.isSuccess {
                    record.sendClockNanoseconds += 50_000_000
                    record.sendOffsetMilliseconds += 50
                }
                records.append(record)
            }
        }
        let run = ReportFixtures.run(
            cases: [
                ReportFixtures.results([
                    "load_mode": .string("concurrency"), "load_concurrency": .integer(4),
                    "failed_requests": .integer(40), "failures": .string("http_503=40"),
                ])
            ],
            records: records
        )
        let reportRun = ReportRun.labelled([run])
        let timeline = RequestTimeline(run: reportRun[0])
        let failures = timeline.rows.filter(\.isFailed)
        #expect(failures.count == 40)
        // Request 2 (slot 0, third position) began at 0.2 s: its second attempt ran 0.25…0.3 s.
        let first = try #require(failures.first)
        #expect(abs(first.start - 0.25) < 1e-9 && abs(first.end - 0.3) < 1e-9)
        #expect(failures.allSatisfy { abs($0.end - $0.start - 0.05) < 1e-9 })

        let activity = ActivityCharts(runs: reportRun)
        let inFlight = activity.inFlightChart.series[0].points.map(\.y)
        #expect(inFlight.max()! <= 4 + 1e-9)
        #expect(inFlight.max()! > 3.5)
        let failed = try #require(activity.failuresChart).series[0].points
        #expect(failed.reduce(0) { $0 + $1.y } == 40)
        #expect(abs(failed[0].x - 0.3) < activity.buckets.width + 1e-9)

        let html = HTMLReport(runs: [run]).render()
        #expect(html.contains("requests shown"))
        #expect(html.contains("failures-over-time"))
    }

    @Test func statesIdentityConfigAndDefinitions() {
        let html = HTMLReport(runs: [LoadCurvesTests.sweepRun()]).render()
        for text in [
            "llm-bench 0.1.0", "abc123", "embedded", "2026-12-01T10:00:00Z", "<details><summary>Config as run",
            "&quot;ttft_ms&quot;: 100", "<dt><code>ttft</code></dt>", "results/x_abc123_requests.jsonl",
            "TTFT ≤ 100 ms at p99",
        ] {
            #expect(html.contains(text), "\(text)")
        }
    }
}
