/// An API key that never shows itself in descriptions, logs or reports.
public struct APIKey: Sendable, Equatable, CustomStringConvertible {
    /// The secret itself; only the HTTP layer reads it.
    public let value: String

    /// Wraps a key.
    public init(_ value: String) { self.value = value }

    /// Always `<redacted>`.
    public var description: String { "<redacted>" }
}
