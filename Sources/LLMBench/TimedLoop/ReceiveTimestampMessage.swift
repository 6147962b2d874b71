/// The kernel's receive time in the control messages `recvmsg` returns when a socket has
/// `SO_TIMESTAMPNS` on (Linux, 64-bit): each message is a `cmsghdr` (its length as a word, its
/// level and type as 32-bit integers) followed by its data, padded to the word size; the
/// timestamp message (`SOL_SOCKET`, `SCM_TIMESTAMPNS`) carries a `timespec` on `CLOCK_REALTIME`.
///
/// Parsed from raw bytes rather than with the C macros, which Swift does not import, so it is
/// checked against hand-built buffers on any platform.
enum ReceiveTimestampMessage {
    /// `SOL_SOCKET` on Linux.
    static let socketLevel: Int32 = 1
    /// `SO_TIMESTAMPNS` (`SO_TIMESTAMPNS_OLD`), which is also the message type `SCM_TIMESTAMPNS`.
    static let timestampNanoseconds: Int32 = 35
    /// `SO_TIMESTAMPNS_NEW`: the same `timespec` with 64-bit fields, for 32-bit time_t platforms.
    static let timestampNanosecondsNew: Int32 = 64
    /// Bytes of a `cmsghdr` before its data: a word-sized length, then level and type.
    static let headerBytes = 16
    /// Bytes of the `timespec` it carries: seconds and nanoseconds, 64-bit each.
    static let timespecBytes = 16
    /// Room for the timestamp message and one more of the same size.
    static let controlBufferBytes = 2 * (headerBytes + timespecBytes)

    /// The receive time in `CLOCK_REALTIME` nanoseconds, from the first timestamp message in
    /// `control` (the control bytes `recvmsg` filled); nil when there is none, when a message
    /// is cut short, or on a platform whose layout differs.
    static func realtimeNanoseconds(in control: UnsafeRawBufferPointer) -> UInt64? {
        guard MemoryLayout<Int>.size == 8 else { return nil }
        var offset = 0
        while offset + headerBytes <= control.count {
            let length = Int(control.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            guard length >= headerBytes, length <= control.count - offset else { return nil }
            let level = control.loadUnaligned(fromByteOffset: offset + 8, as: Int32.self)
            let type = control.loadUnaligned(fromByteOffset: offset + 12, as: Int32.self)
            if level == socketLevel, type == timestampNanoseconds || type == timestampNanosecondsNew {
                guard length >= headerBytes + timespecBytes else { return nil }
                let seconds = control.loadUnaligned(fromByteOffset: offset + headerBytes, as: Int64.self)
                let nanoseconds = control.loadUnaligned(fromByteOffset: offset + headerBytes + 8, as: Int64.self)
                guard seconds >= 0, (0..<1_000_000_000).contains(nanoseconds) else { return nil }
                return UInt64(seconds) * 1_000_000_000 + UInt64(nanoseconds)
            }
            offset += (length + 7) & ~7
        }
        return nil
    }
}
