import Foundation
import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOSSL
import Testing

@testable import LLMBench

/// How the timed handler names the ways a connection fails: closed before answering or
/// mid-response, reset, stale after keep-alive, not HTTP, too large.
struct StreamingResponseHandlerFailureTests {
    static let httpsHint = " (if the server speaks TLS on this port, use https:// in base_url)"

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
        connection.stamp.userNanoseconds = connection.loop.now.uptimeNanoseconds
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
        #expect(refused.failure?.kind == .connectionBusy, "not a connect failure: nothing was wrong with connecting")
        #expect(running.isPending)
        try connection.answer(at: 10)
        #expect(running.answer != nil)
    }
}
