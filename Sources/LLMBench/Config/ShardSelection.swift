/// Which share of a benchmark's load this process sends: shard `index` of `count` (`--shard I/N`,
/// or a Kubernetes Indexed Job's `JOB_COMPLETION_INDEX` with `JOB_COMPLETION_COUNT`).
///
/// Every count of the load (concurrency, requests) is divided so that the shards together make
/// exactly the configured load: shard i takes `total / count`, and one more while `i < total % count`;
/// a rate is divided evenly.
public struct ShardSelection: Sendable, Equatable, CustomStringConvertible {
    /// 0-based.
    public let index: Int
    /// At least 1.
    public let count: Int

    /// Shard `index` of `count`; nil unless `0 <= index < count`.
    public init?(index: Int, count: Int) {
        guard count >= 1, (0..<count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// The whole load, as a process that is not one of several shards sends it: shard 0 of 1.
    public static let whole = ShardSelection(index: 0, count: 1)!

    /// `I/N`, e.g. `0/4`; nil when it is not that form or the index is not below the count.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    /// The variables a Kubernetes Indexed Job gives its pods (its manifest sets the count); nil when
    /// `JOB_COMPLETION_INDEX` is not set.
    public static func fromEnvironment(_ environment: [String: String]) throws(ShardError) -> ShardSelection? {
        guard let index = environment["JOB_COMPLETION_INDEX"] else { return nil }
        guard let count = environment["JOB_COMPLETION_COUNT"] else { throw .countMissing(index: index) }
        guard let shard = ShardSelection(parsing: "\(index)/\(count)") else {
            throw .invalid(text: "\(index)/\(count)", origin: "JOB_COMPLETION_INDEX/JOB_COMPLETION_COUNT")
        }
        return shard
    }

    /// This shard's share of `total`.
    public func share(of total: Int) -> Int {
        total / count + (index < total % count ? 1 : 0)
    }

    /// Whether this shard sends row `row` (0-based) of a trace: every `count`-th from its index, so
    /// the shards together replay every row at its own time.
    public func keeps(row: Int) -> Bool { row % count == index }

    /// The whole's `items` in the order this shard takes them in turn: its k-th is the whole's
    /// (index + k · count)-th, cycling, so that the shards together send them as one process would.
    public func inTurn<Item>(_ items: [Item]) -> [Item] {
        items.indices.map { items[(index + $0 * count) % items.count] }
    }

    /// This shard's share of a rate.
    public func share(ofRate rate: Double) -> Double { rate / Double(count) }

    /// e.g. `shard 2/4`.
    public var description: String { "shard \(index)/\(count)" }

    /// What the run id carries, so shards writing into one folder never share a file or a request id.
    var runIDSuffix: String { "-h\(index)of\(count)" }
}

/// Why a shard selection cannot be used.
public enum ShardError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `JOB_COMPLETION_INDEX` without `JOB_COMPLETION_COUNT`.
    case countMissing(index: String)
    /// Not `I/N` with `0 <= I < N`.
    case invalid(text: String, origin: String)

    public var description: String {
        switch self {
        case .countMissing(let index):
            "JOB_COMPLETION_INDEX is \(index) but JOB_COMPLETION_COUNT is not set: set it to the Job's "
                + "completions in the pod's environment, or pass --shard \(index)/N."
        case .invalid(let text, let origin):
            "\(origin) is '\(text)', but it must be I/N: a shard index from 0 below a count of at least 1 (e.g. 0/4)."
        }
    }
}
