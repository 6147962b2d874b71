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
    /// A request was sent to a connection (its retries aside), counted or warm-up.
    case requestStarted(caseIndex: Int, step: Int, isWarmup: Bool)
    /// A request ended, counted or warm-up, with or without success.
    case requestFinished(RequestRecord)
    /// One wave of waves mode ended.
    case runFinished(run: Int, of: Int)
    /// A case or load point was measured; its row is written.
    case caseFinished(CaseSummary)
    /// A sweep search of a case ended.
    case sweepFinished(SweepOutcome)
    /// The live metrics are served at this address (the port bound when 0 was asked) until the run ends.
    case liveMetricsStarted(LiveMetricsAddress)
    /// The server's own metrics are read during each case from `urls`, every `intervalMilliseconds`.
    case serverMetricsOn(urls: [String], intervalMilliseconds: Int)
    /// The server's own metrics are not read: `reason` says why (no `/metrics` page, for the automatic choice).
    case serverMetricsOff(reason: String)
    /// Something may be wrong with the server, the config or the figures.
    case warning(BenchmarkWarning)
}
