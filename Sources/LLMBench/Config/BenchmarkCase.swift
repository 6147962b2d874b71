/// One benchmark case: the prompt and output lengths asked for, fixed (the original request's form) or drawn
/// from a distribution, a list of pairs or a dataset.
public struct BenchmarkCase: Sendable, Equatable {
    /// Prompt length in tokens; for a variable workload, the mean asked (rounded).
    public var inputTokens: Int
    /// Output length in tokens (`max_tokens`); for a variable workload, the mean asked (rounded).
    public var outputTokens: Int
    /// Where each request's lengths (and, for a dataset, prompts) come from.
    public var workload: Workload
    /// Requests share a common prompt prefix (to measure prefix caching).
    public var sharedPrefix: SharedPrefix?

    /// A fixed case: every request asks for these lengths.
    public init(inputTokens: Int, outputTokens: Int) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        workload = .lengths(input: .fixed(inputTokens), output: .fixed(outputTokens))
    }

    /// A case of another workload; its nominal lengths are the workload's means.
    public init(workload: Workload, sharedPrefix: SharedPrefix? = nil) {
        self.workload = workload
        self.sharedPrefix = sharedPrefix
        inputTokens = Int(workload.meanInputTokens.rounded())
        outputTokens = Int(workload.meanOutputTokens.rounded())
    }
}
