import NIOCore
import NIOHTTP1
import NIOSSL

/// The failures the timed handler reports, built from what it knows of the connection when it
/// fails: the answer's status once its head has arrived, whether the connection carried an
/// earlier exchange, whether any byte arrived for this one.
extension StreamingResponseHandler {
    /// Said when a plain-HTTP connection gets no HTTP answer, as from a TLS port.
    static let httpsHint = " (if the server speaks TLS on this port, use https:// in base_url)"

    /// The server closed the connection; `status` is nil before the response head. A kept-alive
    /// connection closed before any byte of this answer is stale: the request met it closing.
    static func closedFailure(
        status: Int?,
        isKeptAlive: Bool,
        hasReadThisExchange: Bool,
        hint: Bool
    ) -> RequestFailure {
        var message =
            status != nil
            ? "the server closed the connection mid-response" : "the server closed the connection before answering"
        if hint { message += httpsHint }
        return lostConnection(message, status: status, mayBeStale: isKeptAlive && !hasReadThisExchange)
    }

    /// The connection raised `error` (a reset, a TLS alert, an answer that is not HTTP);
    /// `status` is nil before the response head, `hint` allows the `https://` hint.
    static func connectionFailure(
        _ error: any Error,
        status: Int?,
        isKeptAlive: Bool,
        hasReadThisExchange: Bool,
        hint: Bool
    ) -> RequestFailure {
        var message = ConnectErrorText.describe(error)
        if let tls = error as? NIOSSLError, tls != .uncleanShutdown {
            return RequestFailure(kind: .tls, message: message)
        }
        if error is HTTPParserError, status == nil, hint { message += httpsHint }
        return lostConnection(
            message,
            status: status,
            mayBeStale: error is IOError && isKeptAlive && !hasReadThisExchange
        )
    }

    /// The connection was lost: mid-stream once the head arrived (`stream_broken`), else before
    /// any answer (`connect`), which is a stale kept-alive connection when `mayBeStale`.
    private static func lostConnection(_ message: String, status: Int?, mayBeStale: Bool) -> RequestFailure {
        var failure = RequestFailure(
            kind: status != nil ? .streamBroken : .connect,
            httpStatus: status,
            message: message
        )
        failure.isStaleConnection = status == nil && mayBeStale
        return failure
    }

    /// The failure an error of the stream's parsing stands for (`fail` adds the token events received).
    static func parseFailure(_ error: any Error, status: Int) -> RequestFailure {
        if let failure = error as? RequestFailure { return failure }
        if case ServerSentEventError.eventTooLarge(let limit) = error {
            return RequestFailure(
                kind: .malformedEvent,
                httpStatus: status,
                message:
                    "an event is larger than \(limit) bytes; raise max_event_bytes if the server's events are this large"
            )
        }
        return RequestFailure(kind: .malformedEvent, httpStatus: status, message: ConnectErrorText.describe(error))
    }

    /// The stream carried an `error` event or a chunk with an `error` object.
    static func serverErrorEvent(_ event: ServerSentEvent, status: Int) -> RequestFailure {
        RequestFailure(
            kind: .serverErrorEvent,
            httpStatus: status,
            message: ServerErrorMessage.extract(from: event.data)
        )
    }

    /// An event's data is not valid JSON from byte `offset` on.
    static func invalidJSON(_ event: ServerSentEvent, at offset: Int, status: Int) -> RequestFailure {
        RequestFailure(
            kind: .malformedEvent,
            httpStatus: status,
            message: "an event is not valid JSON at byte \(offset): \(ServerErrorMessage.preview(event.data))"
        )
    }

    /// A collected body outgrew `limit` bytes.
    static func bodyTooLarge(limit: Int, status: Int) -> RequestFailure {
        RequestFailure(
            kind: .malformedEvent,
            httpStatus: status,
            message:
                "the response body is larger than \(limit) bytes; raise max_event_bytes if the server's answers are this large"
        )
    }

    /// `limit` of `limits` ran out; `status` is nil before the response head.
    static func timeoutFailure(_ limit: ExchangeLimits.Limit, of limits: ExchangeLimits, status: Int?) -> RequestFailure
    {
        switch limit {
        case .total:
            RequestFailure(
                kind: .timeoutTotal,
                httpStatus: status,
                message: "the request took longer than \((limits.total ?? 0) / 1_000_000) ms (timeouts.total_ms)"
            )
        case .firstToken:
            RequestFailure(
                kind: .timeoutFirstToken,
                httpStatus: status,
                message:
                    "no token within \((limits.firstToken ?? 0) / 1_000_000) ms of sending (timeouts.first_token_ms)"
            )
        case .idle:
            RequestFailure(
                kind: .timeoutIdle,
                httpStatus: status,
                message:
                    "no data for \((limits.idle ?? 0) / 1_000_000) ms while waiting for \(limits.isStreaming ? "the next token" : "the answer") (timeouts.idle_ms)"
            )
        }
    }
}
