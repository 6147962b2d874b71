/// One case as phase 1 leaves it for phase 2: its prepared prompts and the requests they make.
struct CasePlan: Sendable {
    /// 0-based index of the case in the config.
    let caseIndex: Int
    /// The case as results name it before a run: for a variable workload, the prepared requests'
    /// mean lengths.
    let benchmarkCase: BenchmarkCase
    /// The prompts, with their lengths in the server's tokens.
    let prompts: [PreparedPrompt]
    /// The requests ready to send, in turn.
    let templates: [RequestTemplate]
    /// Whether the requests ask for exactly `max_tokens`.
    let lengthControl: OutputLengthControl
    /// A trace case's arrivals, one per template in order; nil for the other workloads.
    var replay: TraceReplay?
    /// The sessions of a `sessions:` case (whose `templates` are then empty).
    var sessionPlan: SessionPlan? = nil

    init(
        caseIndex: Int,
        configuredCase: BenchmarkCase,
        requests: [PreparedRequest],
        factory: RequestFactory,
        lengthControl: OutputLengthControl
    ) {
        self.caseIndex = caseIndex
        self.lengthControl = lengthControl
        prompts = requests.map(\.prompt)
        benchmarkCase = Self.nominal(
            configuredCase,
            lengths: requests.map { LengthPair(inputTokens: $0.prompt.target, outputTokens: $0.outputTokens) }
        )
        templates = requests.map { request in
            RequestTemplate(
                body: factory.streamingCompletionBody(
                    prompt: request.prompt.text,
                    maxTokens: request.outputTokens,
                    forcesLength: lengthControl.sendsLengthFields
                ),
                inputTokens: request.prompt.target,
                outputTokens: request.outputTokens
            )
        }
    }

    /// The case as results name it: for a variable workload, the mean lengths asked by `lengths`
    /// (the prepared requests before a run, the requests sent after it).
    static func nominal(_ benchmarkCase: BenchmarkCase, lengths: [LengthPair]) -> BenchmarkCase {
        guard !benchmarkCase.workload.isFixed || benchmarkCase.sharedPrefix != nil, !lengths.isEmpty else {
            return benchmarkCase
        }
        var nominal = benchmarkCase
        nominal.inputTokens = Int((Double(lengths.map(\.inputTokens).reduce(0, +)) / Double(lengths.count)).rounded())
        nominal.outputTokens = Int(
            (Double(lengths.map(\.outputTokens).reduce(0, +)) / Double(lengths.count)).rounded()
        )
        return nominal
    }
}
