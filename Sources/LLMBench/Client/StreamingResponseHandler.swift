import NIOCore
import NIOHTTP1

/// Sends one request at a time on a keep-alive connection and reads its answer on the event loop.
///
/// For a streamed 200 answer it parses SSE events as the bytes arrive and stamps each
/// token-carrying event with the arrival time of the read that brought it, before any other
/// work; the async caller is resumed once, at the end of the exchange, through the loop's
/// `CompletionHandoff`. Any other answer's body is collected (a 200 JSON body too, for its
/// `error`); a redirect or a compressed answer fails at its head. Failures complete the exchange's
/// promise with a `RequestFailure` and close the connection, since its state can no longer be
/// trusted. `ExchangeLimits` decides the timeouts; the send and the checks read the time of the
/// loop the timer runs on (`NIODeadline.now()`, or an `EmbeddedEventLoop`'s in tests).
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
    /// Whether the answer lets the connection carry another request (not `Connection: close`).
    private var isKeptAlive = true
    /// Whether the response head has arrived (its status is never 0).
    private var hasHead: Bool { status != 0 }
    /// Whether any byte came off the socket since the current exchange was sent.
    private var hasReadThisExchange: Bool { stamp.userNanoseconds >= timeline.sendNanoseconds }
    private var isTimedStream = false
    /// Whether the current exchange's stream is Responses events rather than completion chunks.
    private var readsResponseEvents = false
    private var body = ByteBuffer()
    private var parser = ServerSentEventParser()
    private var timeline = StreamTimeline(sendNanoseconds: 0)
    private var limits = ExchangeLimits(isStreaming: false)
    /// Where the current exchange stands against `limits`.
    private var progress: ExchangeLimits.Progress {
        .init(sent: timeline.sendNanoseconds, lastRead: stamp.userNanoseconds, tokenEvents: timeline.tokenEvents)
    }
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
        fail(RequestFailure(kind: .sendFailed, message: "the connection was shut down"), close: false)
        watchdog?.cancel()
        watchdog = nil
        self.context = nil
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let next = unwrapOutboundIn(data)
        guard exchange == nil else {
            let failure = RequestFailure(kind: .connectionBusy, message: "the connection is busy with another request")
            next.promise.fail(failure)
            promise?.fail(failure)
            return
        }
        exchangesStarted += 1
        exchange = next
        status = 0
        headers = HTTPHeaders()
        isTimedStream = false
        readsResponseEvents = next.readsResponseEvents
        body = context.channel.allocator.buffer(capacity: 0)
        parser = ServerSentEventParser(maxEventBytes: next.maxBodyBytes)
        limits = ExchangeLimits(next)
        let sent = context.eventLoop.now.uptimeNanoseconds
        timeline = StreamTimeline(sendNanoseconds: sent)
        timeline.interTokenNanoseconds.reserveCapacity(next.expectedTokenEvents)
        if next.collectsAnswer { timeline.answer = [] }
        armWatchdog(now: sent)
        context.write(wrapOutboundOut(.head(next.head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(next.body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard exchange != nil else { return }
        // A kernel stamp converted across a step of the realtime clock could fall before the send:
        // no answer byte arrives before its request left.
        let arrival = max(stamp.nanoseconds, timeline.sendNanoseconds)
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = Int(head.status.code)
            headers = head.headers
            isKeptAlive = head.isKeepAlive
            if let failure = RequestFailure.unreadableAnswer(status: status, headers: headers) {
                fail(failure)
                return
            }
            isTimedStream =
                exchange?.isStreaming == true && status == 200
                && headers.first(name: "Content-Type")?.lowercased().contains("json") != true
        case .body(var buffer):
            if isTimedStream {
                do {
                    try buffer.withUnsafeReadableBytes { bytes in
                        try parser.feed(bytes) { event in try handle(event, arrival: arrival) }
                    }
                } catch {
                    fail(Self.parseFailure(error, status: status))
                    return
                }
            } else if body.readableBytes + buffer.readableBytes <= exchange?.maxBodyBytes ?? 0 {
                body.writeBuffer(&buffer)
            } else {
                fail(Self.bodyTooLarge(limit: exchange?.maxBodyBytes ?? 0, status: status))
            }
        case .end:
            if isTimedStream {
                do {
                    try parser.finish { event in try handle(event, arrival: arrival) }
                } catch {
                    fail(Self.parseFailure(error, status: status))
                    return
                }
                if !timeline.sawDoneMarker { timeline.endNanoseconds = arrival }
            }
            complete()
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if exchange != nil {
            let failure = Self.closedFailure(
                status: hasHead ? status : nil,
                isKeptAlive: exchangesStarted > 1,
                hasReadThisExchange: hasReadThisExchange,
                hint: !isTLS && exchangesStarted == 1 && stamp.userNanoseconds == 0
            )
            fail(failure, close: false)
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(
            Self.connectionFailure(
                error,
                status: hasHead ? status : nil,
                isKeptAlive: exchangesStarted > 1,
                hasReadThisExchange: hasReadThisExchange,
                hint: !isTLS
            )
        )
        context.close(promise: nil)
    }

    private func handle(_ event: ServerSentEvent, arrival: UInt64) throws {
        if timeline.sawDoneMarker { return }
        if event.isDoneMarker {
            timeline.sawDoneMarker = true
            timeline.endNanoseconds = arrival
            return
        }
        if event.isErrorType { throw Self.serverErrorEvent(event, status: status) }
        let chunk: CompletionChunk
        do {
            chunk = try CompletionChunkScanner.scan(event.data, readsResponseEvents: readsResponseEvents)
        } catch {
            throw Self.invalidJSON(event, at: error.offset, status: status)
        }
        if chunk.hasError { throw Self.serverErrorEvent(event, status: status) }
        if chunk.hasTokenText {
            timeline.recordTokenEvent(
                at: arrival,
                readDrains: stamp.drainsBefore,
                tokensSoFar: chunk.completionTokens,
                clientLag: stamp.clientLagNanoseconds
            )
            if chunk.hasReasoningText { timeline.reasoningEvents += 1 }
            if chunk.hasContentText, timeline.firstContentNanoseconds == nil {
                timeline.firstContentNanoseconds = arrival
            }
            if timeline.answer != nil, let range = chunk.contentRange {
                timeline.answer?.append(contentsOf: event.data[range])
            }
        }
        if let prompt = chunk.promptTokens { timeline.promptTokens = prompt }
        if let completion = chunk.completionTokens { timeline.completionTokens = completion }
        if chunk.carriesServerReport { timeline.serverReport = ServerReport(timeline.serverReport, updatedBy: chunk) }
        if let reason = chunk.finishReason { timeline.finishReason = reason }
        if readsResponseEvents { handleResponseEnds(chunk, of: event, arrival: arrival) }
    }

    /// A Responses stream has no `[DONE]`: `response.completed` (or `response.incomplete`) ends it.
    /// The response's id is kept when the answer is (a next turn can refer to it).
    private func handleResponseEnds(_ chunk: CompletionChunk, of event: ServerSentEvent, arrival: UInt64) {
        if chunk.endsStream {
            timeline.sawDoneMarker = true
            timeline.endNanoseconds = arrival
        }
        if timeline.answer != nil, let range = chunk.responseIDRange {
            timeline.responseID = String(decoding: event.data[range], as: UTF8.self)
        }
    }

    /// Makes sure the timer fires by the current exchange's next wake-up. A timer already due
    /// sooner is kept: when it fires it finds the limits pushed back and sets itself again.
    private func armWatchdog(now: UInt64) {
        guard exchange != nil, let context, let due = limits.wakeUp(progress, now: now) else { return }
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
        guard exchange != nil, let context else { return }
        let now = context.eventLoop.now.uptimeNanoseconds
        guard let expired = limits.expired(progress, now: now) else {
            armWatchdog(now: now)
            return
        }
        fail(Self.timeoutFailure(expired, of: limits, status: hasHead ? status : nil))
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
        // The server ends the connection after this answer: it takes no next request.
        if !isKeptAlive { context?.close(promise: nil) }
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
