import Foundation
import Testing

@testable import LLMBench

/// Retrying: `RetryPolicy.backoff`, `RequestFailure.isRetryable` and `RetryAfter.parse`.
struct RetryTests {
    // MARK: - Backoff

    @Test(arguments: [(1, 100), (2, 200), (3, 400), (4, 400), (10, 400)])
    func defaultBackoffIsTheOriginalRequestsThenRepeatsTheLast(retry: Int, milliseconds: Int) {
        #expect(RetryPolicy().backoff(beforeRetry: retry) == .milliseconds(milliseconds))
    }

    @Test func defaultsAreTheOriginalRequests() {
        let policy = RetryPolicy()
        #expect(policy.maxRetries == 3)
        #expect(policy.backoffMilliseconds == [100, 200, 400])
    }

    @Test func customBackoff() {
        let policy = RetryPolicy(maxRetries: 5, backoffMilliseconds: [50])
        #expect((1...5).map(policy.backoff(beforeRetry:)) == Array(repeating: .milliseconds(50), count: 5))
        #expect(RetryPolicy(backoffMilliseconds: []).backoff(beforeRetry: 1) == .zero)
        #expect(RetryPolicy(backoffMilliseconds: [0, 10]).backoff(beforeRetry: 1) == .zero)
    }

    // MARK: - What is retried

    @Test(
        arguments: [
            (FailureKind.connect, nil, true), (.timeoutConnect, nil, true), (.rateLimited, 429, true),
            (.http5xx, 500, true), (.http5xx, 502, true), (.http5xx, 503, true), (.http5xx, 504, true),
            (.http4xx, 408, true), (.streamBroken, nil, true), (.timeoutIdle, nil, true),
            (.http5xx, 501, false), (.http5xx, 505, false), (.http5xx, nil, false),
            (.http4xx, 400, false), (.http4xx, 401, false), (.http4xx, 403, false), (.http4xx, 404, false),
            (.http4xx, 422, false), (.tls, nil, false), (.timeoutTotal, nil, false), (.malformedEvent, nil, false),
            (.serverErrorEvent, nil, false), (.cancelled, nil, false), (.connectionBusy, nil, true),
            (.sendFailed, nil, true), (.clientError, nil, false),
        ] as [(FailureKind, Int?, Bool)]
    )
    func retryableBeforeAnyToken(kind: FailureKind, status: Int?, isRetryable: Bool) {
        #expect(RequestFailure(kind: kind, httpStatus: status, message: "m").isRetryable == isRetryable)
    }

    @Test(arguments: FailureKind.allCases)
    func neverRetriedOnceTokensArrived(kind: FailureKind) {
        for status in [nil, 408, 429, 500, 503] as [Int?] {
            #expect(!RequestFailure(kind: kind, httpStatus: status, message: "m", tokenEventsReceived: 1).isRetryable)
        }
    }

    @Test func descriptionNamesKindStatusAndMessage() {
        #expect(
            RequestFailure(kind: .http5xx, httpStatus: 503, message: "overloaded").description
                == "http_5xx 503: overloaded"
        )
        #expect(RequestFailure(kind: .connect, message: "refused").description == "connect: refused")
    }

    // MARK: - Retry-After

    /// Wed, 21 Oct 2015 07:28:00 GMT.
    static let now = Date(timeIntervalSince1970: 1_445_412_480)

    @Test(arguments: [("5", 5_000), (" 7 ", 7_000), ("0", 0), ("-3", 0), ("120", 120_000)])
    func delaySeconds(header: String, milliseconds: Int64) {
        #expect(RetryAfter.parse(header, now: Self.now) == .milliseconds(milliseconds))
    }

    @Test(arguments: [
        ("Wed, 21 Oct 2015 07:28:30 GMT", 30_000), ("Wed, 21 Oct 2015 07:30:00 GMT", 120_000),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0), ("Wed, 21 Oct 2015 07:27:00 GMT", 0),
        ("Thu, 22 Oct 2015 07:28:00 GMT", 86_400_000),
    ])
    func httpDateRelativeToNow(header: String, milliseconds: Int64) {
        #expect(RetryAfter.parse(header, now: Self.now) == .milliseconds(milliseconds))
    }

    @Test(
        arguments: [
            nil, "", "   ", "soon", "1.5", "2015-10-21T07:28:30Z", "21 Oct 2015 07:28:30",
            "Wed, 32 Oct 2015 07:28:30 GMT",
        ] as [String?]
    )
    func unreadableHeaderIsIgnored(header: String?) {
        #expect(RetryAfter.parse(header, now: Self.now) == nil)
    }
}
