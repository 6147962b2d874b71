import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

@testable import LLMBench

/// The deadlines of one exchange, asked without a channel: which limit applies when, where the
/// timer wakes next, and which limit ran out.
struct ExchangeLimitsTests {
    static let ms: UInt64 = 1_000_000
    static let sent: UInt64 = 1_000 * ms

    static func progress(lastRead: UInt64 = 0, tokenEvents: Int = 0) -> ExchangeLimits.Progress {
        .init(sent: sent, lastRead: lastRead, tokenEvents: tokenEvents)
    }

    @Test func withoutLimitsNothingIsDueAndNothingRunsOut() {
        let limits = ExchangeLimits(isStreaming: true)
        #expect(limits.deadline(Self.progress()) == nil)
        #expect(limits.wakeUp(Self.progress(), now: Self.sent) == nil)
        #expect(limits.expired(Self.progress(), now: .max) == nil)
    }

    @Test func aStreamWaitsForItsFirstTokenUnderTheFirstTokenLimitAlone() {
        let limits = ExchangeLimits(idle: 50 * Self.ms, firstToken: 200 * Self.ms, isStreaming: true)
        let waiting = Self.progress(lastRead: Self.sent + 10 * Self.ms)
        #expect(limits.deadline(waiting) == Self.sent + 200 * Self.ms, "the idle limit waits for the first token")
        #expect(limits.expired(waiting, now: Self.sent + 199 * Self.ms) == nil)
        #expect(limits.expired(waiting, now: Self.sent + 200 * Self.ms) == .firstToken)
    }

    @Test func afterTheFirstTokenTheIdleLimitRunsFromTheLastRead() {
        let limits = ExchangeLimits(idle: 50 * Self.ms, firstToken: 200 * Self.ms, isStreaming: true)
        let flowing = Self.progress(lastRead: Self.sent + 300 * Self.ms, tokenEvents: 1)
        #expect(limits.deadline(flowing) == Self.sent + 350 * Self.ms, "the first-token limit no longer applies")
        #expect(limits.expired(flowing, now: Self.sent + 349 * Self.ms) == nil)
        #expect(limits.expired(flowing, now: Self.sent + 350 * Self.ms) == .idle)
    }

    @Test func anAnswerThatIsNotStreamedIsUnderTheIdleLimitFromTheSend() {
        let limits = ExchangeLimits(idle: 50 * Self.ms, isStreaming: false)
        #expect(
            limits.deadline(Self.progress()) == Self.sent + 50 * Self.ms,
            "a read before the send counts as the send"
        )
        #expect(limits.deadline(Self.progress(lastRead: Self.sent + 40 * Self.ms)) == Self.sent + 90 * Self.ms)
        #expect(limits.expired(Self.progress(), now: Self.sent + 50 * Self.ms) == .idle)
    }

    @Test func theTotalLimitRunsFromTheSendWhateverArrives() {
        let limits = ExchangeLimits(idle: 50 * Self.ms, total: 300 * Self.ms, isStreaming: true)
        let flowing = Self.progress(lastRead: Self.sent + 280 * Self.ms, tokenEvents: 7)
        #expect(limits.deadline(flowing) == Self.sent + 300 * Self.ms)
        #expect(limits.expired(flowing, now: Self.sent + 300 * Self.ms) == .total)
    }

    @Test func theTotalLimitIsNamedWhenSeveralHaveRunOut() {
        let limits = ExchangeLimits(
            idle: 50 * Self.ms,
            firstToken: 100 * Self.ms,
            total: 100 * Self.ms,
            isStreaming: true
        )
        #expect(limits.expired(Self.progress(), now: Self.sent + 500 * Self.ms) == .total)
        let noTotal = ExchangeLimits(idle: 50 * Self.ms, firstToken: 100 * Self.ms, isStreaming: false)
        #expect(noTotal.expired(Self.progress(), now: Self.sent + 500 * Self.ms) == .firstToken)
    }

    @Test func aStreamWaitingForItsFirstTokenWakesEveryIdlePeriod() {
        let limits = ExchangeLimits(idle: 50 * Self.ms, firstToken: 1_000 * Self.ms, isStreaming: true)
        #expect(limits.wakeUp(Self.progress(), now: Self.sent) == Self.sent + 50 * Self.ms)
        let head = Self.progress(lastRead: Self.sent + 30 * Self.ms)
        #expect(limits.wakeUp(head, now: Self.sent + 50 * Self.ms) == Self.sent + 80 * Self.ms)
        #expect(
            limits.wakeUp(head, now: Self.sent + 80 * Self.ms) == Self.sent + 130 * Self.ms,
            "a poll already due moves one period past now"
        )
        #expect(limits.wakeUp(head, now: Self.sent + 990 * Self.ms) == Self.sent + 1_000 * Self.ms)
        let noFirstTokenLimit = ExchangeLimits(idle: 50 * Self.ms, isStreaming: true)
        #expect(noFirstTokenLimit.wakeUp(Self.progress(), now: Self.sent) == Self.sent + 50 * Self.ms)
    }

    @Test func onceTokensFlowTheTimerWakesAtTheNextDeadlineOnly() {
        let limits = ExchangeLimits(idle: 50 * Self.ms, total: 10_000 * Self.ms, isStreaming: true)
        let flowing = Self.progress(lastRead: Self.sent + 300 * Self.ms, tokenEvents: 3)
        #expect(limits.wakeUp(flowing, now: Self.sent + 320 * Self.ms) == Self.sent + 350 * Self.ms)
    }

    @Test func anExchangesLimitsComeFromItsTimeouts() throws {
        let loop = EmbeddedEventLoop()
        let exchange = PendingExchange(
            head: HTTPRequestHead(version: .http1_1, method: .POST, uri: "/v1/completions"),
            body: ByteBuffer(),
            isStreaming: true,
            idleTimeout: .milliseconds(50),
            firstTokenTimeout: nil,
            totalTimeout: .seconds(2),
            maxBodyBytes: 1_024,
            promise: loop.makePromise()
        )
        #expect(
            ExchangeLimits(exchange)
                == ExchangeLimits(idle: 50 * Self.ms, firstToken: nil, total: 2_000 * Self.ms, isStreaming: true)
        )
        exchange.promise.fail(RequestFailure(kind: .cancelled, message: "unused"))
        try loop.syncShutdownGracefully()
    }
}
