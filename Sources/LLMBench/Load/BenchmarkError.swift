/// Why a benchmark could not run to its end.
public enum BenchmarkError: Error, Sendable, CustomStringConvertible {
    /// The configuration is wrong (exit 2).
    case config(ConfigError)
    /// Prompts could not be prepared: exit 2 when the corpus or dataset is wrong, 3 when the server
    /// or the prompt cache failed.
    case prompts(PromptError)
    /// The server could not be reached or refused the benchmark before anything was measured (exit 3).
    case unreachable(String)
    /// Results could not be written (exit 3); what was measured until then stays on disk.
    case output(OutputError)
    /// The embedded simulator could not start (exit 3).
    case simulator(String)
    /// The live metrics endpoint could not listen (exit 3).
    case liveMetrics(LiveMetricsError)
    /// The machine cannot hold the asked load, e.g. too few open files allowed (exit 3).
    case limits(String)
    /// Stopped by the user during the preflight or phase 1, before any request was timed (exit 130).
    case interrupted

    /// The message for the user.
    public var description: String {
        switch self {
        case .config(let error): error.description
        case .prompts(let error): error.description
        case .unreachable(let message): message
        case .output(let error): error.description
        case .simulator(let message): "the embedded simulator could not start: \(message)"
        case .liveMetrics(let error): error.description
        case .limits(let message): message
        case .interrupted: "interrupted during preparation, before any request was measured"
        }
    }
}
