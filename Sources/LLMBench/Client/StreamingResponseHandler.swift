import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// Sends one request at a time on a keep-alive connection and reads its answer on the event loop.
///
/// For a streamed 200 answer it parses SSE events as the bytes arrive and stamps each
/// token-carrying event with the arrival time of the read that brought it, before any other
/// work; the async caller is resumed once, at the end of the exchange, through the loop's
/// `CompletionHandoff`. Any other answer's body is collected (a 200 JSON body too, for its
/// `error`); a redirect or a compressed answer fails at its head. Failures complete the exchange's
/// promise with a `RequestFailure` and close the connection, since its state can no longer be
/// trusted.
final class StreamingResponseHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = PendingExchange
    typealias OutboundOut = HTTPClientRequestPart

    private let stamp: ArrivalStamp
    /// Whether the connection speaks TLS (else a TLS answer gets a hint at `https://`).
    private let isTLS: Bool
    /// Exchanges started on this connection, the current one included.
    private var exchangesStarted = 0
    private var context: ChannelHandlerContext?
    /// The loop's handoff of finished exchanges to their tasks.
    private var handoff: CompletionHandoff?
    private var exchange: PendingExchange?
    private var status = 0
    private var headers = HTTPHeaders()
    /// Whether the response head has arrived (its status is never 0).
    private var hasHead: Bool { status != 0 }
    /// Whether any byte came off the socket since the current exchange was sent.
    private var hasReadThisExchange: Bool { stamp.nanoseconds >= timeline.sendNanoseconds }
    private var isTimedStream = false
    private var body = ByteBuffer()
    private var parser = ServerSentEventParser()
    private var timeline = StreamTimeline(sendNanoseconds: 0)
    /// The connection's one timer, checking the limits of whichever exchange is running when it
    /// fires; it is never cancelled when an exchange ends (NIO cancels in O(scheduled timers)).
    private var watchdog: Scheduled<Void>?
    /// When `watchdog` fires.
    private var watchdogDue: UInt64 = 0

    init(stamp: ArrivalStamp, isTLS: Bool) {
        self.stamp = stamp
        self.isTLS = isTLS
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        handoff = CompletionHandoff.current
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        fail(RequestFailure(kind: .connect, message: "the connection was shut down"), close: false)
        watchdog?.cancel()
        watchdog = nil
        self.context = nil
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let next = unwrapOutboundIn(data)
        guard exchange == nil else {
            let failure = RequestFailure(kind: .connect, message: "the connection is busy with another request")
            next.promise.fail(failure)
            promise?.fail(failure)
            return
        }
        exchangesStarted += 1
        exchange = next
        status = 0
        headers = HTTPHeaders()
        isTimedStream = false
        body = context.channel.allocator.buffer(capacity: 0)
        parser = ServerSentEventParser(maxEventBytes: next.maxBodyBytes)
        timeline = StreamTimeline(sendNanoseconds: MonotonicClock.now())
        timeline.interTokenNanoseconds.reserveCapacity(next.expectedTokenEvents)
        armWatchdog()
        context.write(wrapOutboundOut(.head(next.head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(next.body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard exchange != nil else { return }
        let arrival = stamp.nanoseconds
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = Int(head.status.code)
            headers = head.headers
            if let failure = RequestFailure.unreadableAnswer(status: status, headers: headers) {
                fail(failure)
                return
            }
            isTimedStream =
                exchange?.isStreaming == true && status == 200
                && headers.first(name: "Content-Type")?.lowercased().contains("json") != true
        case .body(var buffer):
            if isTimedStream {
                let eventsBefore = timeline.tokenEvents
                do {
                    try buffer.withUnsafeReadableBytes { bytes in
                        try parser.feed(bytes) { event in try handle(event, arrival: arrival) }
                    }
                } catch {
                    fail(failure(for: error))
                    return
                }
                if timeline.tokenEvents != eventsBefore { noteTokenRead(after: eventsBefore) }
            } else if body.readableBytes + buffer.readableBytes <= exchange?.maxBodyBytes ?? 0 {
                body.writeBuffer(&buffer)
            } else {
                fail(
                    RequestFailure(
                        kind: .malformedEvent,
                        httpStatus: status,
                        message:
                            "the response body is larger than \(exchange?.maxBodyBytes ?? 0) bytes; raise max_event_bytes if the server's answers are this large"
                    )
                )
            }
        case .end:
            if isTimedStream {
                let eventsBefore = timeline.tokenEvents
                do {
                    try parser.finish { event in try handle(event, arrival: arrival) }
                } catch {
                    fail(failure(for: error))
                    return
                }
                if timeline.tokenEvents != eventsBefore { noteTokenRead(after: eventsBefore) }
                if !timeline.sawDoneMarker { timeline.endNanoseconds = arrival }
            }
            complete()
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if exchange != nil {
            var message =
                hasHead
                ? "the server closed the connection mid-response" : "the server closed the connection before answering"
            if !isTLS, exchangesStarted == 1, stamp.nanoseconds == 0 { message += Self.httpsHint }
            var failure = RequestFailure(
                kind: hasHead ? .streamBroken : .connect,
                httpStatus: hasHead ? status : nil,
                message: message
            )
            failure.isStaleConnection = !hasHead && exchangesStarted > 1 && !hasReadThisExchange
            fail(failure, close: false)
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let kind: FailureKind = hasHead ? .streamBroken : .connect
        var message = ConnectErrorText.describe(error)
        if let tls = error as? NIOSSLError, tls != .uncleanShutdown {
            fail(RequestFailure(kind: .tls, message: message))
        } else {
            if error is HTTPParserError, !hasHead, !isTLS { message += Self.httpsHint }
            var failure = RequestFailure(kind: kind, httpStatus: hasHead ? status : nil, message: message)
            failure.isStaleConnection =
                error is IOError && !hasHead && exchangesStarted > 1 && !hasReadThisExchange
            fail(failure)
        }
        context.close(promise: nil)
    }

    /// Said when a plain-HTTP connection gets no HTTP answer, as from a TLS port.
    private static let httpsHint = " (if the server speaks TLS on this port, use https:// in base_url)"

    /// Keeps which burst of reads brought the first and the latest token events (per read, not per event).
    private func noteTokenRead(after eventsBefore: Int) {
        if eventsBefore == 0 { timeline.firstTokenReadDrains = stamp.drainsBefore }
        timeline.lastTokenReadDrains = stamp.drainsBefore
    }

    private func handle(_ event: ServerSentEvent, arrival: UInt64) throws {
        if timeline.sawDoneMarker { return }
        if event.isDoneMarker {
            timeline.sawDoneMarker = true
            timeline.endNanoseconds = arrival
            return
        }
        if event.isErrorType {
            throw RequestFailure(
                kind: .serverErrorEvent,
                httpStatus: status,
                message: ServerErrorMessage.extract(from: event.data)
            )
        }
        let chunk: CompletionChunk
        do {
            chunk = try CompletionChunkScanner.scan(event.data)
        } catch {
            throw RequestFailure(
                kind: .malformedEvent,
                httpStatus: status,
                message: "an event is not valid JSON at byte \(error.offset): \(ServerErrorMessage.preview(event.data))"
            )
        }
        if chunk.hasError {
            throw RequestFailure(
                kind: .serverErrorEvent,
                httpStatus: status,
                message: ServerErrorMessage.extract(from: event.data)
            )
        }
        if chunk.hasTokenText {
            timeline.recordTokenEvent(at: arrival, tokensSoFar: chunk.completionTokens)
            if chunk.hasReasoningText { timeline.reasoningEvents += 1 }
            if chunk.hasContentText, timeline.firstContentNanoseconds == nil {
                timeline.firstContentNanoseconds = arrival
            }
        }
        if let prompt = chunk.promptTokens { timeline.promptTokens = prompt }
        if let completion = chunk.completionTokens { timeline.completionTokens = completion }
        if let reason = chunk.finishReason { timeline.finishReason = reason }
    }

    /// The failure a parse error stands for (`fail` adds the token events received).
    private func failure(for error: any Error) -> RequestFailure {
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

    /// The next moment a limit could run out: the total limit after the send, the first-token
    /// limit after the send while no token has arrived, or the idle limit after the last read
    /// (for a stream, once its first token has arrived).
    private func limitDeadline() -> UInt64? {
        guard let exchange else { return nil }
        var deadline: UInt64?
        func consider(_ due: UInt64) { deadline = min(deadline ?? due, due) }
        if let total = exchange.totalTimeout {
            consider(timeline.sendNanoseconds &+ UInt64(total.nanoseconds))
        }
        // A stream waits for its first token under the first-token limit alone: a queueing server
        // may send even its response head only when it starts the request.
        if let idle = exchange.idleTimeout, !exchange.isStreaming || timeline.tokenEvents > 0 {
            // The last bytes off the socket, or the send when none came since.
            consider(max(timeline.sendNanoseconds, stamp.nanoseconds) &+ UInt64(idle.nanoseconds))
        }
        if let first = exchange.firstTokenTimeout, timeline.tokenEvents == 0 {
            consider(timeline.sendNanoseconds &+ UInt64(first.nanoseconds))
        }
        return deadline
    }

    /// When the timer must fire next: the next limit deadline, and while a stream waits for its
    /// first token, at least every idle period, so that the idle limit, which starts with the
    /// first token, is never checked late.
    private func wakeDeadline() -> UInt64? {
        let limit = limitDeadline()
        guard let exchange, exchange.isStreaming, timeline.tokenEvents == 0, let idle = exchange.idleTimeout else {
            return limit
        }
        let period = UInt64(idle.nanoseconds)
        var poll = max(timeline.sendNanoseconds, stamp.nanoseconds) &+ period
        let now = MonotonicClock.now()
        if poll <= now { poll = now &+ period }
        return min(limit ?? poll, poll)
    }

    /// Makes sure the timer fires by the current exchange's next wake-up. A timer already due
    /// sooner is kept: when it fires it finds the limits pushed back and sets itself again.
    private func armWatchdog() {
        guard let context, let due = wakeDeadline() else { return }
        if watchdog != nil {
            guard due < watchdogDue else { return }
            watchdog?.cancel()
        }
        watchdogDue = due
        watchdog = context.eventLoop.assumeIsolated().scheduleTask(deadline: .uptimeNanoseconds(due)) { [self] in
            watchdog = nil
            checkLimits()
        }
    }

    /// Fails the exchange whose limit has run out, or sets the timer for its next deadline.
    private func checkLimits() {
        guard let exchange else { return }
        let now = MonotonicClock.now()
        guard let due = limitDeadline(), due <= now else {
            armWatchdog()
            return
        }
        let status = hasHead ? status : nil
        if let total = exchange.totalTimeout, timeline.sendNanoseconds &+ UInt64(total.nanoseconds) <= now {
            fail(
                RequestFailure(
                    kind: .timeoutTotal,
                    httpStatus: status,
                    message: "the request took longer than \(total.nanoseconds / 1_000_000) ms (timeouts.total_ms)"
                )
            )
        } else if let first = exchange.firstTokenTimeout, timeline.tokenEvents == 0,
            timeline.sendNanoseconds &+ UInt64(first.nanoseconds) <= now
        {
            fail(
                RequestFailure(
                    kind: .timeoutFirstToken,
                    httpStatus: status,
                    message: "no token within \(first.nanoseconds / 1_000_000) ms of sending (timeouts.first_token_ms)"
                )
            )
        } else {
            let limit = (exchange.idleTimeout?.nanoseconds ?? 0) / 1_000_000
            let what = exchange.isStreaming ? "the next token" : "the answer"
            fail(
                RequestFailure(
                    kind: .timeoutIdle,
                    httpStatus: status,
                    message: "no data for \(limit) ms while waiting for \(what) (timeouts.idle_ms)"
                )
            )
        }
    }

    private func complete() {
        guard let finished = exchange else { return }
        exchange = nil
        let answer = HTTPExchange(
            status: status,
            headers: headers,
            body: body,
            timeline: isTimedStream ? timeline : nil
        )
        if let handoff, let loop = context?.eventLoop {
            handoff.deliver(answer, to: finished.promise, on: loop)
        } else {
            finished.promise.succeed(answer)
        }
    }

    private func fail(_ failure: RequestFailure, close: Bool = true) {
        guard let failed = exchange else { return }
        var failure = failure
        failure.tokenEventsReceived = timeline.tokenEvents
        exchange = nil
        failed.promise.fail(failure)
        if close { context?.close(promise: nil) }
    }

}
