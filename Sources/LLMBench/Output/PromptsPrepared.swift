/// One case's prompts, ready.
public struct PromptsPrepared: Sendable, Equatable {
    /// The case as its prompts are asked for: `16 tokens`, or its workload.
    public var workload: String
    /// Prompts prepared.
    public var count: Int
    /// Of them, read from the prompt cache.
    var fromCache: Int
    /// The shortest length, in the server's tokens.
    var shortest: Int
    /// The longest length, in the server's tokens.
    var longest: Int
    /// Prompts whose length is not the one asked (the closest the server's tokenizer allows).
    var inexact: Int
}
