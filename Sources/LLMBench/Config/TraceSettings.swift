/// A `trace:` case: the file to replay and how (its speed, where it stops, Mooncake's block size).
public struct TraceSettings: Sendable, Equatable {
    /// The trace file, looked up in the working folder, then beside the config file.
    public var path: String
    /// Its layout.
    public var format: TraceFormat
    /// How fast it is replayed: 2 sends it twice as fast (each offset divided by 2).
    public var speed: Double = 1
    /// The trace's first requests only, at most this many.
    public var maxRequests: Int?
    /// The requests due within this many seconds of replay (after `speed`) only.
    public var durationSeconds: Double?
    /// Tokens of one `hash_ids` block (Mooncake's traces use 512).
    public var blockTokens: Int = Self.defaultBlockTokens

    /// The block size of the published Mooncake traces.
    public static let defaultBlockTokens = 512

    /// A trace replayed as written.
    public init(path: String, format: TraceFormat) {
        self.path = path
        self.format = format
    }
}
