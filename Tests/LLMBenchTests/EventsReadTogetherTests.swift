import NIOHTTP1
import Testing

@testable import LLMBench

/// Token events that reach the client in one socket read with the event before them: counted per
/// stream, summed per case, said on the console and warned about past 1 %.
struct EventsReadTogetherTests {
    @Test func tokenEventsDecodedFromOneReadAreCountedAsReadTogether() throws {
        let connection = try TimedChannel()
        let outcome = connection.send()
        try connection.receive(connection.head(), at: 1)
        try connection.receive(connection.token(), at: 2)
        // Two chunks of one read (a chunked body gives one part per chunk), then one event of its own.
        try connection.receive([connection.token(), connection.token()], inOneReadAt: 3)
        try connection.receive(connection.token(), at: 4)
        try connection.receive([connection.bytes("data: [DONE]\n\n"), .end(nil)], inOneReadAt: 5)
        let timeline = try #require(outcome.answer?.timeline)
        #expect(timeline.tokenEvents == 4)
        #expect(timeline.eventsReadTogether == 1, "only the second event of the shared read")
    }

    @Test func eventsOfReadsThatFilledTheirBuffersInARowAreReadTogether() throws {
        let connection = try TimedChannel()
        let outcome = connection.send()
        try connection.receive(connection.head(), at: 1)
        // The kernel merged what waited in the socket: one stamp, taken in buffer-sized reads.
        try connection.receive([connection.token()], inOneReadAt: 2, fillingTheBuffer: true)
        try connection.receive([connection.token()], inOneReadAt: 2, fillingTheBuffer: true)
        try connection.receive([connection.token()], inOneReadAt: 2)
        try connection.receive(connection.token(), at: 3)
        try connection.receive([connection.bytes("data: [DONE]\n\n"), .end(nil)], inOneReadAt: 4)
        #expect(outcome.answer?.timeline?.eventsReadTogether == 2, "the second and third, not the fourth")
    }

    @Test func twoEventsInOneBufferAreReadTogether() throws {
        let connection = try TimedChannel()
        let outcome = connection.send()
        try connection.receive(connection.head(), at: 1)
        let event = #"data: {"choices":[{"delta":{"content":"hi"}}]}"# + "\n\n"
        try connection.receive(connection.bytes(event + event + event), at: 2)
        try connection.receive([connection.bytes("data: [DONE]\n\n"), .end(nil)], inOneReadAt: 3)
        #expect(outcome.answer?.timeline?.eventsReadTogether == 2)
    }

    /// A successful record of `events` token events of which `together` came with the one before.
    static func record(_ index: Int, events: Int, together: Int, buffered: Bool = false) -> RequestRecord {
        var record = ClientLagTests.record(
            index,
            source: .kernel,
            lags: Array(repeating: 10, count: events),
            events: events
        )
        record.eventsReadTogether = together
        record.isBufferedStream = buffered
        return record
    }

    @Test func aCaseCountsTheShareOfGapsNotMeasuredBufferedStreamsAside() throws {
        let summary = ClientLagTests.summary([
            Self.record(0, events: 51, together: 1),
            Self.record(1, events: 51, together: 0),
            Self.record(2, events: 51, together: 50, buffered: true),
        ])
        let percent = try #require(summary.eventsReadTogetherPercent)
        #expect(abs(percent - 1.0) < 1e-9, "1 of the 100 gaps of the two unbuffered streams")
        #expect(ClientLagTests.isNumber(ClientLagTests.cell("events_read_together_pct", of: summary), near: 1.0))
    }

    @Test func aCaseWarnsOnlyAboveHalfAPercent() {
        let atThreshold = ClientLagTests.summary([Self.record(0, events: 201, together: 1)])
        #expect(BenchmarkWarning.eventsReadTogether(in: atThreshold) == nil)
        let above = ClientLagTests.summary([Self.record(0, events: 201, together: 2)], caseIndex: 2)
        let warning = BenchmarkWarning.eventsReadTogether(in: above)
        #expect(warning == .eventsReadTogether(caseIndex: 2, percent: 1, clientLagMaxMilliseconds: 0.01))
        let text = warning?.description ?? ""
        #expect(text.hasPrefix("case 3: 1 % of token events came in one socket read with the event before them"))
        #expect(text.contains("its lag reached 0.01 ms"))
        #expect(text.contains("client_threads"))
    }

    @Test func theConsoleSaysTheShareOnlyWhenThereIsOne() {
        let none = ClientLagTests.summary([Self.record(0, events: 11, together: 0)])
        #expect(ConsoleSummary.clientLine(none)?.contains("read with the one before") == false)
        let some = ClientLagTests.summary([Self.record(0, events: 11, together: 1)])
        #expect(
            ConsoleSummary.clientLine(some)?.hasSuffix(
                "kernel receive timestamps; 10.00 % of events read with the one before"
            ) == true
        )
    }

    @Test func theRecordSaysHowManyOfItsEventsWereReadTogether() throws {
        let json = try ClientLagTests.json(Self.record(0, events: 5, together: 3))
        #expect(json["events_read_together"] == .integer(3))
    }
}
