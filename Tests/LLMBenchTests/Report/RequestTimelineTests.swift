import Testing

@testable import LLMBench

struct RequestTimelineTests {
    @Test func placesSendFirstTokenAndEndOnTheRunsAxis() throws {
        let records = [
            ReportFixtures.record(index: 1, sendSeconds: 3, ttft: 250, total: 1000, itl: [10, 20]),
            ReportFixtures.record(index: 0, sendSeconds: 2, total: 500, isSuccess: false, errorKind: "timeout"),
            ReportFixtures.record(index: 2, sendSeconds: 0, isWarmup: true),
        ]
        let run = ReportRun(results: ReportFixtures.run(records: records), label: "abc123", position: 0)
        let timeline = RequestTimeline(run: run)
        #expect(timeline.requestCount == 2)
        let failed = try #require(timeline.rows.first)
        #expect(
            failed
                == TimelineRow(
                    start: 0,
                    firstToken: nil,
                    end: 0.5,
                    isFailed: true,
                    colorValue: nil,
                    label: failed.label
                )
        )
        #expect(failed.label.contains("failed: timeout"))
        let success = try #require(timeline.rows.last)
        #expect(success.start == 1)
        #expect(success.firstToken == 1.25)
        #expect(success.end == 2)
        #expect(success.colorValue == 15)
        #expect(!success.isFailed)
        #expect(timeline.note.hasPrefix("2 of 2 requests shown"))
    }

    @Test func capsRowsKeepingEveryFailureInSendOrder() {
        let records = (0..<5000).map { index in
            ReportFixtures.record(index: index, sendSeconds: Double(index) * 0.01, isSuccess: index % 7 != 3)
        }
        let run = ReportRun(results: ReportFixtures.run(records: records), label: "abc123", position: 0)
        let timeline = RequestTimeline(run: run, maximumRows: 1500)
        let failures = records.count { !$0.isSuccess }
        #expect(timeline.rows.count == 1500)
        #expect(timeline.rows.count { $0.isFailed } == failures)
        #expect(zip(timeline.rows, timeline.rows.dropFirst()).allSatisfy { $0.start < $1.start })
        #expect(timeline.note.hasPrefix("1500 of 5000 requests shown"))
    }

    @Test func spreadsTheFailuresWhenTheyAloneExceedTheCap() {
        let records = (0..<30).map { ReportFixtures.record(index: $0, sendSeconds: Double($0), isSuccess: $0 % 2 == 0) }
        let run = ReportRun(results: ReportFixtures.run(records: records), label: "abc123", position: 0)
        let timeline = RequestTimeline(run: run, maximumRows: 10)
        #expect(timeline.rows.count == 10)
        #expect(timeline.rows.allSatisfy { $0.isFailed })
        #expect(timeline.rows.first?.start == 1 && timeline.rows.last?.start == 29)
        #expect(timeline.note.hasPrefix("10 of 30 requests shown: failed requests only (10 of 15)"))
    }
}
