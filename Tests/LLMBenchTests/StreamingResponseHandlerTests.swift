import Foundation
import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOSSL
import Testing

@testable import LLMBench

/// One timed handler in an `EmbeddedChannel`: time is the loop's virtual time, which the handler
/// reads for the send and its checks, and every read's arrival stamp is set to it, as
/// `ArrivalTimestampHandler` does on a socket.
private final class TimedChannel {
    static let ms: UInt64 = 1_000_000
    /// When the first exchange is sent: not 0, which the stamp means as "nothing read yet".
    static let start: UInt64 = 1_000 * ms

    let loop = EmbeddedEventLoop()
    let stamp = ArrivalStamp()
    let channel: EmbeddedChannel

    init(isTLS: Bool = false) throws {
        channel = EmbeddedChannel(handler: StreamingResponseHandler(stamp: stamp, isTLS: isTLS), loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8000)).wait()
        loop.advanceTime(to: .uptimeNanoseconds(Self.start))
    }

    /// Milliseconds since `start`.
    var elapsed: UInt64 { (loop.now.uptimeNanoseconds - Self.start) / Self.ms }

    /// Moves time to `milliseconds` after `start`, running the timers due by then.
    func advance(to milliseconds: UInt64) {
        loop.advanceTime(to: .uptimeNanoseconds(Self.start + milliseconds * Self.ms))
    }

    /// Sends a request now with these limits (in milliseconds).
    func send(
        isStreaming: Bool = true,
        idle: Int64? = nil,
        firstToken: Int64? = nil,
        total: Int64? = nil,
        maxBodyBytes: Int = 1_024
    ) -> Outcome {
        let outcome = Outcome()
        let promise = loop.makePromise(of: HTTPExchange.self)
        promise.futureResult.assumeIsolated().whenComplete { outcome.result = $0 }
        let exchange = PendingExchange(
            head: HTTPRequestHead(version: .http1_1, method: .POST, uri: "/v1/completions"),
            body: ByteBuffer(string: "{}"),
            isStreaming: isStreaming,
            idleTimeout: idle.map { .milliseconds($0) },
            firstTokenTimeout: firstToken.map { .milliseconds($0) },
            totalTimeout: total.map { .milliseconds($0) },
            maxBodyBytes: maxBodyBytes,
            promise: promise
        )
        channel.writeAndFlush(exchange, promise: nil)
        return outcome
    }

    /// `part` arrives `milliseconds` after `start`; the loop then runs, as after an I/O round.
    func receive(_ part: HTTPClientResponsePart, at milliseconds: UInt64) throws {
        advance(to: milliseconds)
        stamp.nanoseconds = loop.now.uptimeNanoseconds
        try channel.writeInbound(part)
        loop.run()
    }

    func head(_ status: HTTPResponseStatus = .ok, contentType: String = "text/event-stream") -> HTTPClientResponsePart {
        .head(HTTPResponseHead(version: .http1_1, status: status, headers: ["Content-Type": contentType]))
    }

    func bytes(_ text: String) -> HTTPClientResponsePart { .body(ByteBuffer(string: text)) }

    /// An SSE event carrying one token of answer text.
    func token() -> HTTPClientResponsePart { bytes(#"data: {"choices":[{"delta":{"content":"hi"}}]}"# + "\n\n") }

    /// The server closes the connection.
    func close() {
        channel.close(promise: nil)
        loop.run()
    }

    /// The connection raises `error`, as a socket or a decoder does.
    func raise(_ error: any Error) {
        channel.pipeline.fireErrorCaught(error)
        loop.run()
    }

    /// A whole streamed answer, ending the exchange well.
    func answer(at milliseconds: UInt64) throws {
        try receive(head(), at: milliseconds)
        try receive(token(), at: milliseconds)
        try receive(bytes("data: [DONE]\n\n"), at: milliseconds)
        try receive(.end(nil), at: milliseconds)
    }

    deinit {
        _ = try? channel.finish(acceptAlreadyClosed: true)
        try? loop.syncShutdownGracefully()
    }
}

/// What an exchange came to, once it did.
private final class Outcome {
    var result: Result<HTTPExchange, any Error>?
    var isPending: Bool { result == nil }
    var answer: HTTPExchange? { try? result?.get() }
    var failure: RequestFailure? {
        guard case .failure(let error) = result else { return nil }
        return error as? RequestFailure
    }
}

/// The timed handler on a test clock: its deadlines to the millisecond and how it names the ways a
/// connection fails.
struct StreamingResponseHandlerTests {
    static let httpsHint = " (if the server speaks TLS on this port, use https:// in base_url)"

    @Test func theSendTimeAndTheTokenArrivalsMakeTheTimeline() throws {
        let connection = try TimedChannel()
        let outcome = connection.send()
        try connection.receive(connection.head(), at: 20)
        try connection.receive(connection.token(), at: 100)
        try connection.receive(connection.token(), at: 130)
        try connection.receive(connection.bytes("data: [DONE]\n\n"), at: 140)
        try connection.receive(.end(nil), at: 150)
        let timeline = try #require(outcome.answer?.timeline)
        #expect(timeline.sendNanoseconds == TimedChannel.start)
        #expect(timeline.firstTokenNanoseconds == TimedChannel.start + 100 * TimedChannel.ms)
        #expect(Array(timeline.interTokenNanoseconds) == [30 * TimedChannel.ms])
        #expect(timeline.endNanoseconds == TimedChannel.start + 140 * TimedChannel.ms, "the [DONE] marker ends it")
        #expect(connection.channel.isActive, "the connection stays open for the next request")
    }

    @Test func aStreamWithoutATokenFailsAtTheFirstTokenLimitAndNotTheIdleLimit() throws {
        let connection = try TimedChannel()
        let outcome = connection.send(idle: 50, firstToken: 200)
        try connection.receive(connection.head(), at: 10)
        connection.advance(to: 199)
        #expect(outcome.isPending, "the idle limit starts with the first token")
        connection.advance(to: 200)
        let failure = try #require(outcome.failure)
        #expect(failure.kind == .timeoutFirstToken)
        #expect(failure.httpStatus == 200)
        #expect(failure.message == "no token within 200 ms of sending (timeouts.first_token_ms)")
        #expect(!connection.channel.isActive, "a timed-out connection is closed")
    }

    @Test func theIdleLimitStartsWithTheFirstTokenAndRunsFromTheLastRead() throws {
        let connection = try TimedChannel()
        let outcome = connection.send(idle: 50)
        try connection.receive(connection.head(), at: 10)
        connection.advance(to: 500)
        #expect(outcome.isPending, "without a first-token limit a stream may wait for its first token")
        try connection.receive(connection.token(), at: 500)
        try connection.receive(connection.token(), at: 540)
        connection.advance(to: 589)
        #expect(outcome.isPending)
        connection.advance(to: 590)
        let failure = try #require(outcome.failure)
        #expect(failure.kind == .timeoutIdle)
        #expect(failure.message == "no data for 50 ms while waiting for the next token (timeouts.idle_ms)")
        #expect(failure.tokenEventsReceived == 2)
    }

    @Test func theTotalLimitEndsAStreamWhoseTokensKeepComing() throws {
        let connection = try TimedChannel()
        let outcome = connection.send(idle: 50, total: 300)
        try connection.receive(connection.head(), at: 5)
        for milliseconds in stride(from: UInt64(40), through: 280, by: 40) {
            try connection.receive(connection.token(), at: milliseconds)
        }
        connection.advance(to: 299)
        #expect(outcome.isPending)
        connection.advance(to: 300)
        let failure = try #require(outcome.failure)
        #expect(failure.kind == .timeoutTotal)
        #expect(failure.message == "the request took longer than 300 ms (timeouts.total_ms)")
        #expect(failure.tokenEventsReceived == 7)
    }

    @Test func theWatchdogSetsItselfAgainWhenReadsPushTheIdleDeadlineBack() throws {
        let connection = try TimedChannel()
        let outcome = connection.send(isStreaming: false, idle: 50)
        try connection.receive(connection.head(contentType: "application/json"), at: 40)
        try connection.receive(connection.bytes("{"), at: 80)
        connection.advance(to: 129)
        #expect(outcome.isPending, "the timer due at 50 and 90 ms found the deadline moved")
        connection.advance(to: 130)
        let failure = try #require(outcome.failure)
        #expect(failure.kind == .timeoutIdle)
        #expect(failure.httpStatus == 200)
        #expect(failure.message == "no data for 50 ms while waiting for the answer (timeouts.idle_ms)")
    }

    @Test func aTimerLeftByAFinishedExchangeChecksTheNextExchangesLimits() throws {
        let connection = try TimedChannel()
        let first = connection.send(idle: 50)
        try connection.answer(at: 10)
        #expect(first.answer != nil)
        let second = connection.send(isStreaming: false, idle: 1_000)
        connection.advance(to: 1_009)
        #expect(second.isPending, "the first exchange's timer, due at 50 ms, did not fail the second")
        connection.advance(to: 1_010)
        #expect(second.failure?.kind == .timeoutIdle)
    }

    @Test func aConnectionClosedBeforeAnsweringFailsToConnectWithTheHTTPSHint() throws {
        let connection = try TimedChannel()
        let outcome = connection.send()
        connection.close()
        let failure = try #require(outcome.failure)
        #expect(failure.kind == .connect)
        #expect(failure.httpStatus == nil)
        #expect(failure.message == "the server closed the connection before answering" + Self.httpsHint)
        #expect(!failure.isStaleConnection, "a first exchange is never stale")
    }

    @Test func aTLSConnectionClosedBeforeAnsweringGetsNoHint() throws {
        let connection = try TimedChannel(isTLS: true)
        let outcome = connection.send()
        connection.close()
        #expect(outcome.failure?.message == "the server closed the connection before answering")
    }

    @Test func aConnectionClosedMidResponseBreaksTheStream() throws {
        let connection = try TimedChannel()
        let outcome = connection.send()
        try connection.receive(connection.head(), at: 10)
        try connection.receive(connection.token(), at: 20)
        connection.close()
        let failure = try #require(outcome.failure)
        #expect(failure.kind == .streamBroken)
        #expect(failure.httpStatus == 200)
        #expect(failure.message == "the server closed the connection mid-response")
        #expect(failure.tokenEventsReceived == 1)
        #expect(!failure.isRetryable, "a stream that delivered tokens is never retried")
    }

    @Test func aResetMidResponseBreaksTheStreamAndClosesTheConnection() throws {
        let connection = try TimedChannel()
        let outcome = connection.send()
        try connection.receive(connection.head(), at: 10)
        connection.raise(IOError(errnoCode: ECONNRESET, reason: "read"))
        let failure = try #require(outcome.failure)
        #expect(failure.kind == .streamBroken)
        #expect(failure.httpStatus == 200)
        #expect(failure.message == "connection reset by the server")
        #expect(!connection.channel.isActive)
    }

    @Test func aKeptAliveConnectionClosedBeforeAnyByteOfTheAnswerIsStale() throws {
        let connection = try TimedChannel()
        _ = connection.send()
        try connection.answer(at: 10)
        connection.advance(to: 20)
        let outcome = connection.send()
        connection.close()
        let failure = try #require(outcome.failure)
        #expect(failure.isStaleConnection)
        #expect(failure.kind == .connect)
        #expect(failure.message == "the server closed the connection before answering", "no hint after an answer")
    }

    @Test func aKeptAliveConnectionResetBeforeAnyByteOfTheAnswerIsStale() throws {
        let connection = try TimedChannel()
        _ = connection.send()
        try connection.answer(at: 10)
        connection.advance(to: 20)
        let outcome = connection.send()
        connection.raise(IOError(errnoCode: ECONNRESET, reason: "read"))
        #expect(outcome.failure?.isStaleConnection == true)
        #expect(outcome.failure?.kind == .connect)
    }

    @Test func aKeptAliveConnectionThatReadBytesOfTheAnswerIsNotStale() throws {
        let connection = try TimedChannel()
        _ = connection.send()
        try connection.answer(at: 10)
        connection.advance(to: 20)
        let outcome = connection.send()
        connection.advance(to: 30)
        connection.stamp.nanoseconds = connection.loop.now.uptimeNanoseconds
        connection.close()
        let failure = try #require(outcome.failure)
        #expect(!failure.isStaleConnection, "bytes of a head came before the close")
        #expect(failure.kind == .connect)
    }

    @Test func anAnswerThatIsNotHTTPGetsTheHTTPSHintOnAPlainConnectionOnly() throws {
        let plain = try TimedChannel()
        let plainOutcome = plain.send()
        plain.raise(HTTPParserError.invalidVersion)
        #expect(plainOutcome.failure?.kind == .connect)
        #expect(plainOutcome.failure?.message == "the answer is not valid HTTP/1.1" + Self.httpsHint)
        let tls = try TimedChannel(isTLS: true)
        let tlsOutcome = tls.send()
        tls.raise(HTTPParserError.invalidVersion)
        #expect(tlsOutcome.failure?.message == "the answer is not valid HTTP/1.1")
    }

    @Test func aTLSErrorIsATLSFailureButAnUncleanShutdownBreaksTheStream() throws {
        let alert = try TimedChannel(isTLS: true)
        let alertOutcome = alert.send()
        alert.raise(NIOSSLError.handshakeFailed(.syscallError))
        #expect(alertOutcome.failure?.kind == .tls)
        let unclean = try TimedChannel(isTLS: true)
        let uncleanOutcome = unclean.send()
        try unclean.receive(unclean.head(), at: 10)
        unclean.raise(NIOSSLError.uncleanShutdown)
        #expect(uncleanOutcome.failure?.kind == .streamBroken)
    }

    @Test func anEventLargerThanTheLimitIsMalformed() throws {
        let connection = try TimedChannel()
        let outcome = connection.send(maxBodyBytes: 64)
        try connection.receive(connection.head(), at: 10)
        try connection.receive(connection.bytes("data: " + String(repeating: "x", count: 100) + "\n\n"), at: 20)
        let failure = try #require(outcome.failure)
        #expect(failure.kind == .malformedEvent)
        #expect(failure.httpStatus == 200)
        #expect(
            failure.message
                == "an event is larger than 64 bytes; raise max_event_bytes if the server's events are this large"
        )
        #expect(!connection.channel.isActive)
    }

    @Test func aCollectedBodyLargerThanTheLimitIsMalformed() throws {
        let connection = try TimedChannel()
        let outcome = connection.send(isStreaming: false, maxBodyBytes: 64)
        try connection.receive(connection.head(contentType: "application/json"), at: 10)
        try connection.receive(connection.bytes(String(repeating: "x", count: 100)), at: 20)
        #expect(
            outcome.failure?.message
                == "the response body is larger than 64 bytes; raise max_event_bytes if the server's answers are this large"
        )
    }

    @Test func aRequestOnABusyConnectionFailsAndLeavesTheRunningOneAlone() throws {
        let connection = try TimedChannel()
        let running = connection.send()
        let refused = connection.send()
        #expect(refused.failure?.message == "the connection is busy with another request")
        #expect(running.isPending)
        try connection.answer(at: 10)
        #expect(running.answer != nil)
    }
}
