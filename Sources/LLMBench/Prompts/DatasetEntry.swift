import Foundation

/// One entry of a dataset: a prompt and, when the file gives it, the output to ask for.
struct DatasetEntry: Sendable, Equatable {
    /// The prompt text.
    var prompt: String
    /// Output tokens asked for, when the file states it.
    var outputTokens: Int?
    /// The reference answer (ShareGPT), whose length in the server's tokens sets the output length.
    var referenceAnswer: String?
}
