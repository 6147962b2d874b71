import NIOHTTP1

/// The class of a failed request attempt, as written in results (`error_kind`).
public enum FailureKind: String, Sendable, Codable, CaseIterable {
    /// The connection could not be opened, or closed before any response.
    case connect
    /// The TLS handshake failed.
    case tls
    /// A 3xx answer: the server redirects elsewhere (llm-bench follows no redirect).
    case redirect
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
    /// The connection already carried another request, so this one was not sent on it.
    case connectionBusy = "connection_busy"
    /// An opened connection could not take the request: writing it failed, or the connection was
    /// shut down under the exchange before any answer.
    case sendFailed = "send_failed"
    /// llm-bench could not build the request (its body cannot be encoded); nothing was sent.
    case clientError = "client_error"
}

extension FailureKind {
    /// The class of an answer with this status that cannot be used: `redirect` for 3xx,
    /// `rate_limited` for 429, `http_4xx`, `http_5xx`; nil for the rest (2xx).
    init?(status: Int) {
        switch status {
        case 300...399: self = .redirect
        case 429: self = .rateLimited
        case 400...499: self = .http4xx
        case 500...599: self = .http5xx
        default: return nil
        }
    }
}
