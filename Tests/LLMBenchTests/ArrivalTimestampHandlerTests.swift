import NIOCore
import NIOEmbedded
import Testing

@testable import LLMBench

/// How the first handler counts the reads that emptied the socket, which tells a stream whose
/// events arrived apart from one a server or proxy buffered (`StreamTimeline.arrivedAtOnce`).
struct ArrivalTimestampHandlerTests {
    /// Hands each read's `drainsBefore` to `seen`, as the streaming handler reads it per token event.
    final class DrainsRecorder: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let stamp: ArrivalStamp
        var seen: [Int] = []

        init(stamp: ArrivalStamp) {
            self.stamp = stamp
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            seen.append(stamp.drainsBefore)
        }
    }

    /// The `drainsBefore` of each read: a read of `fills[i] == false` emptied the socket (its buffer
    /// has room left), one of `true` filled its buffer, so NIO read again at once.
    static func drains(ofReads fills: [Bool]) throws -> [Int] {
        let stamp = ArrivalStamp()
        let recorder = DrainsRecorder(stamp: stamp)
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandlers([ArrivalTimestampHandler(stamp: stamp), recorder])
        for fills in fills {
            var buffer = channel.allocator.buffer(capacity: 64)
            buffer.writeString("data: {}\n\n")
            if fills { buffer.writeRepeatingByte(UInt8(ascii: "\n"), count: buffer.writableBytes) }
            try channel.writeInbound(buffer)
        }
        _ = try channel.finish()
        return recorder.seen
    }

    /// A timeline whose first token event came in the read of `first` drains and its last in `last`.
    static func timeline(tokenEvents: Int, first: Int, last: Int) -> StreamTimeline {
        var timeline = StreamTimeline(sendNanoseconds: 0)
        for event in 0..<tokenEvents { timeline.recordTokenEvent(at: UInt64(event)) }
        timeline.firstTokenReadDrains = first
        timeline.lastTokenReadDrains = last
        return timeline
    }

    @Test func eventsInReadsThatEachEmptiedTheSocketArrivedApart() throws {
        let drains = try Self.drains(ofReads: [false, false, false])
        #expect(drains == [0, 1, 2])
        #expect(!Self.timeline(tokenEvents: 3, first: drains[0], last: drains[2]).arrivedAtOnce)
    }

    @Test func eventsInABurstOfFullReadsArrivedAtOnce() throws {
        let drains = try Self.drains(ofReads: [true, true, false])
        #expect(drains == [0, 0, 0], "NIO read again at once after each full read: no wait between them")
        #expect(Self.timeline(tokenEvents: 3, first: drains[0], last: drains[2]).arrivedAtOnce)
    }

    @Test func aBurstEndsAtTheReadThatEmptiedTheSocket() throws {
        #expect(try Self.drains(ofReads: [true, false, true, false]) == [0, 0, 1, 1])
    }

    @Test func aSingleTokenEventIsNeverABufferedStream() {
        #expect(!Self.timeline(tokenEvents: 1, first: 0, last: 0).arrivedAtOnce)
    }
}
