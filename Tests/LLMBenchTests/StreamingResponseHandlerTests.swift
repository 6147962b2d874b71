import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

@testable import LLMBench

/// The timed handler's deadlines on a test clock, to the millisecond: the first-token limit, the
/// idle limit once the first token arrived, the total limit, and the one timer setting itself again.
struct StreamingResponseHandlerTests {
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

    @Test func aKernelStampBeforeTheSendCountsAsTheSendNeverAsAWrappedTime() throws {
        let connection = try TimedChannel()
        let outcome = connection.send()
        try connection.receive(connection.head(), at: 1)
        connection.advance(to: 2)
        // As if the realtime clock stepped back between the clock pairing and the read.
        connection.stamp.noteRead(at: connection.loop.now.uptimeNanoseconds, kernel: 5, emptiedSocket: true)
        try connection.channel.writeInbound(connection.token())
        try connection.receive(connection.token(), at: 3)
        try connection.receive([connection.bytes("data: [DONE]\n\n"), .end(nil)], inOneReadAt: 4)
        let timeline = try #require(outcome.answer?.timeline)
        #expect(timeline.firstTokenNanoseconds == timeline.sendNanoseconds)
        #expect(timeline.lastTokenNanoseconds == TimedChannel.start + 3 * TimedChannel.ms)
    }
}
