#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An incremental parser of `text/event-stream` bodies (the WHATWG server-sent events format).
///
/// Feed it bytes as they arrive, in any split: events divided across reads and many events in one
/// read give the same events. Lines may end in `\n`, `\r\n` or `\r`; comment lines (`:`) and fields
/// other than `data` and `event` are skipped. A partial line or event is bounded by `maxEventBytes`.
public struct ServerSentEventParser {
    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D
    private static let colon: UInt8 = 0x3A
    private static let space: UInt8 = 0x20

    /// The largest line or event accepted.
    public let maxEventBytes: Int
    private var partialLine: [UInt8] = []
    private var data: [UInt8] = []
    private var type: [UInt8] = []
    private var hasDataField = false
    /// The last read ended with a `\r` that was taken as a line end; a `\n` opening the next read
    /// completes that `\r\n` rather than ending an empty line.
    private var endedWithCarriageReturn = false

    /// A parser accepting lines and events of up to `maxEventBytes`.
    public init(maxEventBytes: Int = 4 << 20) {
        self.maxEventBytes = maxEventBytes
    }

    /// Parses `bytes`, calling `onEvent` for every event completed by them.
    public mutating func feed(
        _ bytes: UnsafeRawBufferPointer,
        onEvent: (ServerSentEvent) throws -> Void
    ) throws {
        var start = 0
        let count = bytes.count
        if endedWithCarriageReturn, count > 0 {
            endedWithCarriageReturn = false
            if bytes[0] == Self.lineFeed { start = 1 }
        }
        while start < count {
            guard let lineFeed = Self.index(of: Self.lineFeed, in: bytes, from: start) else {
                // Lines ended by a lone `\r` are complete without a `\n`: hand them over now.
                if let carriageReturn = Self.lastIndex(of: Self.carriageReturn, in: bytes, from: start) {
                    let lines = UnsafeRawBufferPointer(rebasing: bytes[start...carriageReturn])
                    if partialLine.isEmpty {
                        try segment(lines, onEvent: onEvent)
                    } else {
                        try appendPartial(lines)
                        try segmentPartialLine(onEvent: onEvent)
                    }
                    endedWithCarriageReturn = carriageReturn == count - 1
                    start = carriageReturn + 1
                }
                try appendPartial(UnsafeRawBufferPointer(rebasing: bytes[start..<count]))
                return
            }
            if partialLine.isEmpty {
                try segment(UnsafeRawBufferPointer(rebasing: bytes[start..<lineFeed]), onEvent: onEvent)
            } else {
                try appendPartial(UnsafeRawBufferPointer(rebasing: bytes[start..<lineFeed]))
                try segmentPartialLine(onEvent: onEvent)
            }
            start = lineFeed + 1
        }
    }

    /// Parses bytes given as an array (tests and control-plane use).
    public mutating func feed(_ bytes: [UInt8], onEvent: (ServerSentEvent) throws -> Void) throws {
        try bytes.withUnsafeBytes { try feed($0, onEvent: onEvent) }
    }

    /// Ends the stream: a last line or event left without its terminator is still delivered.
    public mutating func finish(onEvent: (ServerSentEvent) throws -> Void) throws {
        if !partialLine.isEmpty {
            try segmentPartialLine(onEvent: onEvent)
        }
        try dispatch(onEvent: onEvent)
    }

    /// Handles the carried-over line, then keeps its buffer (emptied) for the next one, so a read
    /// that ends mid-line costs no allocation.
    private mutating func segmentPartialLine(onEvent: (ServerSentEvent) throws -> Void) throws {
        var line = partialLine
        partialLine = []
        defer {
            line.removeAll(keepingCapacity: true)
            partialLine = line
        }
        try line.withUnsafeBytes { try segment($0, onEvent: onEvent) }
    }

    private mutating func appendPartial(_ bytes: UnsafeRawBufferPointer) throws {
        guard partialLine.count + bytes.count <= maxEventBytes else {
            throw ServerSentEventError.eventTooLarge(limit: maxEventBytes)
        }
        partialLine.append(contentsOf: bytes)
    }

    /// Handles the bytes between two line feeds, which may hold lines ended by a lone `\r`.
    private mutating func segment(_ bytes: UnsafeRawBufferPointer, onEvent: (ServerSentEvent) throws -> Void) throws {
        var end = bytes.count
        if end > 0, bytes[end - 1] == Self.carriageReturn { end -= 1 }
        var start = 0
        while let carriageReturn = Self.index(of: Self.carriageReturn, in: bytes, from: start), carriageReturn < end {
            try line(UnsafeRawBufferPointer(rebasing: bytes[start..<carriageReturn]), onEvent: onEvent)
            start = carriageReturn + 1
        }
        try line(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), onEvent: onEvent)
    }

    private mutating func line(_ line: UnsafeRawBufferPointer, onEvent: (ServerSentEvent) throws -> Void) throws {
        if line.isEmpty {
            try dispatch(onEvent: onEvent)
            return
        }
        if line[0] == Self.colon { return }
        let colon = Self.index(of: Self.colon, in: line, from: 0) ?? line.count
        var valueStart = min(colon + 1, line.count)
        if valueStart < line.count, line[valueStart] == Self.space { valueStart += 1 }
        let name = UnsafeRawBufferPointer(rebasing: line[0..<colon])
        let value = UnsafeRawBufferPointer(rebasing: line[valueStart..<line.count])
        if name.count == 4, name.elementsEqual("data".utf8) {
            guard data.count + value.count + 1 <= maxEventBytes else {
                throw ServerSentEventError.eventTooLarge(limit: maxEventBytes)
            }
            if hasDataField { data.append(Self.lineFeed) }
            data.append(contentsOf: value)
            hasDataField = true
        } else if name.count == 5, name.elementsEqual("event".utf8) {
            type.removeAll(keepingCapacity: true)
            type.append(contentsOf: value.prefix(256))
        }
    }

    private mutating func dispatch(onEvent: (ServerSentEvent) throws -> Void) throws {
        defer {
            data.removeAll(keepingCapacity: true)
            type.removeAll(keepingCapacity: true)
            hasDataField = false
        }
        guard hasDataField else { return }
        try onEvent(ServerSentEvent(type: type, data: data))
    }

    private static func lastIndex(of byte: UInt8, in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = bytes.count - 1
        while index >= start {
            if bytes[index] == byte { return index }
            index -= 1
        }
        return nil
    }

    private static func index(of byte: UInt8, in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress else { return nil }
        guard let found = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
        return UnsafeRawPointer(found) - base
    }
}
