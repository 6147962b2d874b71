import Foundation

/// What a case is matched by across runs: its inputs (lengths and workload) and its load point,
/// so the steps of two sweeps match step by step.
struct CaseKey: Sendable, Hashable {
    let inputTokens: Int?
    let outputTokens: Int?
    /// The `workload` column: `fixed`, or a description of the variable lengths or dataset.
    let workload: String?
    /// `waves`, `concurrency` or `rate`.
    let loadMode: String?
    let loadConcurrency: Int?
    let targetRate: Double?

    /// The key of a case as its summary states it.
    init(_ results: CaseResults) {
        inputTokens = results.number("input_tokens").map { Int($0) }
        outputTokens = results.number("output_tokens").map { Int($0) }
        workload = results.text("workload")
        loadMode = results.text("load_mode")
        loadConcurrency = results.number("load_concurrency").map { Int($0) }
        targetRate = results.number("target_rate_rps")
    }

    /// e.g. `128 in / 64 out, concurrency 4`, `… (uniform workload), rate 2/s`.
    var description: String {
        var text = "\(Self.text(inputTokens)) in / \(Self.text(outputTokens)) out"
        if let workload, workload != "fixed" { text += " (\(workload))" }
        if let targetRate {
            text += String(format: ", rate %g/s", targetRate)
        } else if let loadConcurrency {
            text += loadMode == "waves" ? ", waves of \(loadConcurrency)" : ", concurrency \(loadConcurrency)"
        } else if let loadMode {
            text += ", \(loadMode)"
        }
        return text
    }

    private static func text(_ value: Int?) -> String { value.map(String.init) ?? "?" }
}
