/// The phases of a benchmark, in order.
public enum BenchmarkPhase: String, Sendable {
    /// Checks that the server answers, accepts the key and serves the model.
    case preflight
    /// Phase 1: the prompts of every case, exact in the server's tokens; never timed.
    case prompts
    /// Phase 2: the cases' timed requests.
    case measuring
}
