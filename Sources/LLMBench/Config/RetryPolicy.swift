/// How a failed request is retried: the original request's 3 retries with 100, 200, 400 ms backoff by default.
public struct RetryPolicy: Sendable, Equatable, Encodable {
    /// Retries after the first attempt.
    public var maxRetries: Int
    /// Waits before retry 1, 2, …; the last one repeats when there are more retries than entries.
    public var backoffMilliseconds: [Int]
    /// The longest `Retry-After` the client honours.
    public var maxRetryAfterMilliseconds: Int
    /// Spread each wait uniformly over 50–100 % of its length, so retries of many requests do not
    /// arrive together.
    public var jitter: Bool

    /// Creates a policy; the defaults are the original request's.
    public init(
        maxRetries: Int = 3,
        backoffMilliseconds: [Int] = [100, 200, 400],
        maxRetryAfterMilliseconds: Int = 10_000,
        jitter: Bool = false
    ) {
        self.jitter = jitter
        self.maxRetries = maxRetries
        self.backoffMilliseconds = backoffMilliseconds
        self.maxRetryAfterMilliseconds = maxRetryAfterMilliseconds
    }

    /// The wait before retry number `retry` (1-based), without jitter.
    func backoff(beforeRetry retry: Int) -> Duration {
        guard !backoffMilliseconds.isEmpty else { return .zero }
        let index = min(retry - 1, backoffMilliseconds.count - 1)
        return .milliseconds(backoffMilliseconds[max(0, index)])
    }

    /// The wait before retry number `retry`, with jitter when it is on.
    func wait(beforeRetry retry: Int) -> Duration {
        let wait = backoff(beforeRetry: retry)
        guard jitter else { return wait }
        return wait * Double.random(in: 0.5...1.0)
    }
}

extension RetryPolicy {
    /// The `retry:` keys, as the summary writes them.
    enum CodingKeys: String, CodingKey {
        case maxRetries = "max_retries"
        case backoffMilliseconds = "backoff_ms"
        case maxRetryAfterMilliseconds = "max_retry_after_ms"
        case jitter
    }
}
