import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

@testable import LLMBench

/// The event loop's handoff of finished exchanges: reads first, a few wake-ups per busy round,
/// everything once a round is quiet, always in the order the exchanges finished.
struct CompletionHandoffTests {
    static func answer(_ number: Int) -> HTTPExchange {
        HTTPExchange(status: 200 + number, headers: HTTPHeaders(), body: ByteBuffer(), timeline: nil)
    }

    @Test func busyRoundsWakeAFewTasksEachAndAQuietRoundWakesTheRest() throws {
        let loop = EmbeddedEventLoop()
        let handoff = CompletionHandoff()
        let count = CompletionHandoff.chunk * 2 + 5
        var finished: [Int] = []
        for number in 0..<count {
            let promise = loop.makePromise(of: HTTPExchange.self)
            promise.futureResult.assumeIsolated().whenSuccess { finished.append($0.status - 200) }
            handoff.sawRead = true
            handoff.deliver(Self.answer(number), to: promise, on: loop)
        }
        loop.run()
        #expect(finished == Array(0..<CompletionHandoff.chunk), "a round that read wakes one chunk")
        handoff.sawRead = true
        loop.advanceTime(by: .microseconds(1))
        #expect(finished == Array(0..<CompletionHandoff.chunk * 2))
        loop.advanceTime(by: .microseconds(1))
        #expect(finished == Array(0..<count), "a round without reads wakes all that wait")
        try loop.syncShutdownGracefully()
    }

    @Test func aQuietLoopWakesATaskInTheSameRound() throws {
        let loop = EmbeddedEventLoop()
        let handoff = CompletionHandoff()
        let promise = loop.makePromise(of: HTTPExchange.self)
        var woken: [Int] = []
        promise.futureResult.assumeIsolated().whenSuccess { woken.append($0.status - 200) }
        handoff.deliver(Self.answer(7), to: promise, on: loop)
        #expect(woken.isEmpty, "not before the loop's current round ends")
        loop.run()
        #expect(woken == [7])
        try loop.syncShutdownGracefully()
    }
}
