import Foundation

/// How shards begin together (`--start-at`, `--sync`): the instant the first case may begin, and
/// the folder all shards share, in which each waits at every case for the others.
public struct CommonStart: Sendable, Equatable {
    /// The first case begins no earlier than this, in nanoseconds since 1970.
    public var notBeforeUnixNanoseconds: Int64?
    /// The folder every shard of the run can read and write (a shared volume); nil: no waiting.
    public var syncDirectory: String?
    /// How long a shard waits at a case for the others before it starts without them.
    public var timeoutSeconds: Double

    /// The default wait for the other shards: long enough for pods to be scheduled and pull an image.
    public static let defaultTimeoutSeconds = 600.0
    /// What a wait for the other shards may be, said after `must be`.
    public static let timeoutRule = "a number of seconds above 0, at most 86400"

    /// Whether `seconds` is a wait for the other shards that `timeoutRule` allows.
    public static func isValidTimeout(_ seconds: Double) -> Bool {
        seconds.isFinite && seconds > 0 && seconds <= 86_400
    }

    /// The common start of `--start-at` (nanoseconds since 1970) and `--sync` (the shared folder).
    public init(notBeforeUnixNanoseconds: Int64?, syncDirectory: String?, timeoutSeconds: Double) {
        self.notBeforeUnixNanoseconds = notBeforeUnixNanoseconds
        self.syncDirectory = syncDirectory
        self.timeoutSeconds = timeoutSeconds
    }

    /// An RFC 3339 instant with its zone (`2026-12-02T18:30:00Z`, `…T19:30:00.250+01:00`) in
    /// nanoseconds since 1970; nil when `text` is not one.
    public static func unixNanoseconds(rfc3339 text: String) -> Int64? {
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [
            [.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds],
        ] {
            formatter.formatOptions = options
            if let date = formatter.date(from: text) {
                return Int64((date.timeIntervalSince1970 * 1e9).rounded())
            }
        }
        return nil
    }
}
