/// The class of a failed request attempt, as written in results (`error_kind`).
public enum FailureKind: String, Sendable, Codable, CaseIterable {
    /// The connection could not be opened, or closed before any response.
    case connect
    /// The TLS handshake failed.
    case tls
    /// A 4xx answer other than 429 (408 is retried).
    case http4xx = "http_4xx"
    /// A 5xx answer.
    case http5xx = "http_5xx"
    /// A 429 answer.
    case rateLimited = "rate_limited"
    /// Connecting took longer than `timeouts.connect_ms`.
    case timeoutConnect = "timeout_connect"
    /// No token arrived within `timeouts.first_token_ms` of the send.
    case timeoutFirstToken = "timeout_first_token"
    /// No bytes arrived for `timeouts.idle_ms`.
    case timeoutIdle = "timeout_idle"
    /// The attempt took longer than `timeouts.total_ms`.
    case timeoutTotal = "timeout_total"
    /// The stream ended without completing.
    case streamBroken = "stream_broken"
    /// An event was not valid SSE or JSON.
    case malformedEvent = "malformed_event"
    /// The server sent an `error` object in the stream.
    case serverErrorEvent = "server_error_event"
    /// The stream completed with fewer output tokens than asked although the length was forced.
    case truncated
    /// The benchmark was interrupted while the request ran.
    case cancelled
}

/// Why one request attempt failed, with what is known of it.
public struct RequestFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The failure class.
    public var kind: FailureKind
    /// The HTTP status, when an answer arrived.
    public var httpStatus: Int?
    /// A short message: the server's own, or what the client saw.
    public var message: String
    /// The wait the server asked for (`Retry-After`).
    public var retryAfter: Duration?
    /// Token-carrying events received before the failure.
    public var tokenEventsReceived: Int

    /// Creates a failure.
    public init(
        kind: FailureKind,
        httpStatus: Int? = nil,
        message: String,
        retryAfter: Duration? = nil,
        tokenEventsReceived: Int = 0
    ) {
        self.kind = kind
        self.httpStatus = httpStatus
        self.message = message
        self.retryAfter = retryAfter
        self.tokenEventsReceived = tokenEventsReceived
    }

    /// `kind (status): message`.
    public var description: String {
        let status = httpStatus.map { " \($0)" } ?? ""
        return "\(kind.rawValue)\(status): \(message)"
    }

    /// Whether another attempt may succeed: connection problems, 408, 429, 500/502/503/504 and
    /// streams that broke before their first token. A stream that delivered tokens is never retried.
    public var isRetryable: Bool {
        guard tokenEventsReceived == 0 else { return false }
        switch kind {
        case .connect, .timeoutConnect, .rateLimited, .streamBroken, .timeoutIdle, .timeoutFirstToken: return true
        case .http5xx: return [500, 502, 503, 504].contains(httpStatus ?? 0)
        case .http4xx: return httpStatus == 408
        case .tls, .timeoutTotal, .malformedEvent, .serverErrorEvent, .truncated, .cancelled: return false
        }
    }
}
