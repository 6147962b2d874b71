import Foundation

/// One (input, output) length pair of a `pairs` workload.
public struct LengthPair: Sendable, Equatable {
    /// Prompt length in tokens.
    public var inputTokens: Int
    /// Output length in tokens.
    public var outputTokens: Int

    /// Creates a pair.
    public init(inputTokens: Int, outputTokens: Int) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
    }
}
