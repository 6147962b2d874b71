/// What the engine does, as it does it: besides its result files, the library's only output.
///
/// A run hands every event to its observer in order, from the task that runs the benchmark; the
/// command line renders them (`ConsoleRenderer`) and logs them (`Logger.log(_:redaction:)`), and a
/// live display or a test subscribes the same way (an `AsyncStream` continuation's `yield` is an
/// observer too).
public enum BenchmarkEvent: Sendable {
    /// A phase of the benchmark begins.
    case phaseStarted(BenchmarkPhase)
    /// The seed of every random choice of the prompts.
    case seedChosen(UInt64)
    /// How phase 1 writes prompts and measures their lengths.
    case promptMethodChosen(PromptMethod)
    /// One case's prompts are ready (phase 1's progress).
    case promptsPrepared(PromptsPrepared)
    /// Connections opened before timing, and how long they took.
    case connectionsOpened(count: Int, connectP50Milliseconds: Double, connectMaxMilliseconds: Double)
    /// Warm-up requests, not counted, go first; `isDefault` when the config does not set `load.warmup`.
    case warmupStarted(requests: Int, isDefault: Bool)
    /// A case, or one load point of it (a sweep's step), begins.
    case caseStarted(CaseStart)
    /// A request ended, counted or warm-up, with or without success.
    case requestFinished(RequestRecord)
    /// One wave of waves mode ended.
    case runFinished(run: Int, of: Int)
    /// A case or load point was measured; its row is written.
    case caseFinished(CaseSummary)
    /// A sweep search of a case ended.
    case sweepFinished(SweepOutcome)
    /// Something may be wrong with the server, the config or the figures.
    case warning(BenchmarkWarning)
}

/// The phases of a benchmark, in order.
public enum BenchmarkPhase: String, Sendable {
    /// Checks that the server answers, accepts the key and serves the model.
    case preflight
    /// Phase 1: the prompts of every case, exact in the server's tokens; never timed.
    case prompts
    /// Phase 2: the cases' timed requests.
    case measuring
}

/// How phase 1 writes prompts and measures their lengths.
public struct PromptMethod: Sendable, Equatable {
    /// `generate` (the server writes them) or `corpus`.
    public var origin: String
    /// What counts their tokens: `tokenize-vllm`, `usage`, `unverified`, ….
    public var lengthsMeasuredBy: String
    /// Tokens the server adds to every prompt (e.g. BOS).
    public var specialTokens: Int
}

/// One case's prompts, ready.
public struct PromptsPrepared: Sendable, Equatable {
    /// The case as its prompts are asked for: `16 tokens`, or its workload.
    public var workload: String
    /// Prompts prepared.
    public var count: Int
    /// Of them, read from the prompt cache.
    public var fromCache: Int
    /// The shortest length, in the server's tokens.
    public var shortest: Int
    /// The longest length, in the server's tokens.
    public var longest: Int
    /// Prompts whose length is not the one asked (the closest the server's tokenizer allows).
    public var inexact: Int
}

/// A case, or one load point of it, about to be measured.
public struct CaseStart: Sendable {
    /// 0-based index of the case in the config.
    public var caseIndex: Int
    /// Cases in the config.
    public var caseCount: Int
    /// The case as results name it.
    public var benchmarkCase: BenchmarkCase
    /// The load it is measured at.
    public var point: LoadPoint
}
