import NIOHTTP1

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
    /// The server closed a connection kept alive from an earlier exchange before any byte of this
    /// answer: the request met a closing connection (llama.cpp closes one after each stream though
    /// it announces keep-alive), so it is sent again at once on a new one, not counted as an attempt.
    var isStaleConnection = false

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

    /// Whether another attempt may succeed: connection problems (also a busy connection or a failed
    /// send, tried again on another connection), 408, 429, 500/502/503/504 and
    /// streams that broke before their first token. A stream that delivered tokens is never retried.
    var isRetryable: Bool {
        guard tokenEventsReceived == 0 else { return false }
        switch kind {
        case .connect, .timeoutConnect, .rateLimited, .streamBroken, .timeoutIdle, .timeoutFirstToken,
            .connectionBusy, .sendFailed:
            return true
        case .http5xx: return [500, 502, 503, 504].contains(httpStatus ?? 0)
        case .http4xx: return httpStatus == 408
        case .tls, .redirect, .timeoutTotal, .malformedEvent, .serverErrorEvent, .truncated, .cancelled, .clientError:
            return false
        }
    }
}

extension RequestFailure {
    /// The failure of an answer whose head already shows it cannot be read: a redirect (with its
    /// `Location`) or a compressed body; nil for any other head.
    static func unreadableAnswer(status: Int, headers: HTTPHeaders) -> RequestFailure? {
        if (300...399).contains(status) {
            let location = headers.first(name: "Location").map { " to \($0)" } ?? ""
            return RequestFailure(
                kind: .redirect,
                httpStatus: status,
                message:
                    "the server redirects\(location); llm-bench follows no redirects: set base_url to the address it redirects to"
            )
        }
        if let encoding = headers.first(name: "Content-Encoding"), !encoding.isEmpty,
            encoding.lowercased() != "identity"
        {
            return RequestFailure(
                kind: FailureKind(status: status) ?? .malformedEvent,
                httpStatus: status,
                message:
                    "the answer is compressed (Content-Encoding: \(encoding)) although llm-bench asks for none (Accept-Encoding: identity); turn compression off in the server or proxy",
                retryAfter: RetryAfter.parse(headers.first(name: "Retry-After"))
            )
        }
        return nil
    }
}
