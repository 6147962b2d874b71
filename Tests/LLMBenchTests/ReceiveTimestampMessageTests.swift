import Testing

@testable import LLMBench

/// The kernel's receive stamp read out of hand-built control-message buffers (Linux's 64-bit
/// `cmsghdr` layout), the way `recvmsg` fills them.
struct ReceiveTimestampMessageTests {
    /// One control message: its header (length, level, type) and `data`, padded to 8 bytes.
    static func message(level: Int32, type: Int32, data: [UInt8], declaredLength: Int? = nil) -> [UInt8] {
        let length = declaredLength ?? (16 + data.count)
        var bytes = withUnsafeBytes(of: UInt64(length).littleEndian, Array.init)
        bytes += withUnsafeBytes(of: level.littleEndian, Array.init)
        bytes += withUnsafeBytes(of: type.littleEndian, Array.init)
        bytes += data
        while bytes.count % 8 != 0 { bytes.append(0) }
        return bytes
    }

    /// A `timespec` of `seconds` and `nanoseconds`.
    static func timespec(_ seconds: Int64, _ nanoseconds: Int64) -> [UInt8] {
        withUnsafeBytes(of: seconds.littleEndian, Array.init)
            + withUnsafeBytes(of: nanoseconds.littleEndian, Array.init)
    }

    static func stamp(in bytes: [UInt8]) -> UInt64? {
        bytes.withUnsafeBytes { ReceiveTimestampMessage.realtimeNanoseconds(in: $0) }
    }

    @Test func aTimestampMessageGivesItsTimeInNanoseconds() {
        let bytes = Self.message(level: 1, type: 35, data: Self.timespec(1_764_000_000, 123_456_789))
        #expect(Self.stamp(in: bytes) == 1_764_000_000_123_456_789)
    }

    @Test func theNewTimestampTypeReadsTheSame() {
        let bytes = Self.message(level: 1, type: 64, data: Self.timespec(7, 5))
        #expect(Self.stamp(in: bytes) == 7_000_000_005)
    }

    @Test func noMessagesGiveNoStamp() {
        #expect(Self.stamp(in: []) == nil)
    }

    @Test func theStampIsFoundAfterOtherMessages() {
        let other = Self.message(level: 0, type: 8, data: [1, 2, 3, 4, 5])  // IP_PKTINFO-like, padded
        let foreignLevel = Self.message(level: 41, type: 35, data: Self.timespec(1, 1))  // IPv6's level, same type
        let stamp = Self.message(level: 1, type: 35, data: Self.timespec(42, 0))
        #expect(Self.stamp(in: other + foreignLevel + stamp) == 42_000_000_000)
    }

    @Test func theFirstOfSeveralStampsCounts() {
        let first = Self.message(level: 1, type: 35, data: Self.timespec(1, 0))
        let second = Self.message(level: 1, type: 35, data: Self.timespec(2, 0))
        #expect(Self.stamp(in: first + second) == 1_000_000_000)
    }

    @Test func aMessageCutShortGivesNoStamp() {
        let whole = Self.message(level: 1, type: 35, data: Self.timespec(3, 0))
        for cut in 0..<whole.count {
            #expect(Self.stamp(in: Array(whole.prefix(cut))) == nil, "cut at \(cut)")
        }
    }

    @Test func aLengthBeyondTheBufferOrBelowTheHeaderGivesNoStamp() {
        let tooLong = Self.message(level: 1, type: 35, data: Self.timespec(3, 0), declaredLength: 64)
        let tooShort = Self.message(level: 1, type: 35, data: Self.timespec(3, 0), declaredLength: 8)
        let noRoomForTime = Self.message(level: 1, type: 35, data: [0, 0, 0, 0, 0, 0, 0, 0])
        #expect(Self.stamp(in: tooLong) == nil)
        #expect(Self.stamp(in: tooShort) == nil)
        #expect(Self.stamp(in: noRoomForTime) == nil)
    }

    @Test func anImpossibleTimeGivesNoStamp() {
        #expect(Self.stamp(in: Self.message(level: 1, type: 35, data: Self.timespec(-1, 0))) == nil)
        #expect(Self.stamp(in: Self.message(level: 1, type: 35, data: Self.timespec(1, 1_000_000_000))) == nil)
    }
}
