/// What a ``GenerationStateMachine`` reads from the world, each at the moment it needs it (so a
/// token event's timestamp is taken right before its write, and the load only when a decode step
/// is computed). The driver reads the real clock, counters and channel; tests set the values.
protocol GenerationEnvironment {
    /// Now on the monotonic clock, in uptime nanoseconds.
    var nowNanoseconds: UInt64 { get }
    /// Sequences the whole server is generating now.
    var activeSequences: Int { get }
    /// Whether the connection takes more bytes without passing its write watermark.
    var isWritable: Bool { get }
}
