import Testing

@testable import LLMBench

struct ActivityOverTimeTests {
    /// Three overlapping requests early, one failure, and one request ending at 300 s (1 s buckets).
    private var run: ReportRun {
        let records = [
            ReportFixtures.record(index: 0, sendSeconds: 0, total: 2000, itl: [500, 500, 500]),
            ReportFixtures.record(index: 1, sendSeconds: 1, total: 2000, itl: [900, 900], serverOutputTokens: 9),
            ReportFixtures.record(index: 2, sendSeconds: 5, total: 500, isSuccess: false, errorKind: "http_status"),
            ReportFixtures.record(index: 3, sendSeconds: 298.5, total: 1500, itl: [100], serverOutputTokens: nil),
            ReportFixtures.record(index: 4, sendSeconds: 0, total: 50_000, isWarmup: true),
        ]
        return ReportRun(results: ReportFixtures.run(records: records), label: "abc123", position: 0)
    }

    @Test func bucketsHoldEveryOutputTokenOfTheSuccessfulRequests() {
        let run = run
        let activity = ActivityOverTime(run: run, buckets: ActivityOverTime.buckets(for: [run]))
        #expect(activity.buckets.width == 1)
        #expect(activity.buckets.count == 300)
        let total = activity.outputTokensPerSecond.reduce(0) { $0 + $1 * activity.buckets.width }
        // 4 (server) + 9 (server) + 2 (two events counted, no server count).
        #expect(abs(total - 15) < 1e-9)
        // The first request's events at 0.01, 0.51, 1.01 and 1.51 s: 2 tokens in each of the first two buckets.
        #expect(activity.outputTokensPerSecond[0] == 2)
    }

    @Test func countsRequestsInFlightAsTheMeanOverEachBucket() {
        let run = run
        let activity = ActivityOverTime(run: run, buckets: ActivityOverTime.buckets(for: [run]))
        #expect(activity.requestsInFlight[0...3] == [1, 2, 1, 0])
        #expect(activity.requestsInFlight[5] == 0.5)
        #expect(activity.requestsInFlight[298...299] == [0.5, 1])
    }

    @Test func countsFailuresByClassInTheBucketOfTheirEnd() {
        let run = run
        let activity = ActivityOverTime(run: run, buckets: ActivityOverTime.buckets(for: [run]))
        #expect(activity.failuresByClass.map(\.kind) == ["http_status"])
        #expect(activity.failuresByClass[0].counts[5] == 1)
        #expect(activity.failuresByClass[0].counts.reduce(0, +) == 1)
    }

    @Test func leavesWarmUpRequestsOut() {
        #expect(run.records.count == 4)
        #expect(ActivityOverTime.span(of: run) == 300)
    }
}
