import Foundation

/// Requests that share one prompt prefix, to measure a server's prefix cache.
public struct SharedPrefix: Sendable, Equatable {
    /// Prefix length in tokens (part of each prompt's length).
    public var tokens: Int
    /// Distinct prefixes; request i uses prefix i mod groups.
    public var groups: Int

    /// Creates the setting.
    public init(tokens: Int, groups: Int) {
        self.tokens = tokens
        self.groups = groups
    }
}
