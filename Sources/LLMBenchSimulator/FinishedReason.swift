/// vLLM's `finished_reason` label of `request_success_total`.
enum FinishedReason: String, Sendable, CaseIterable {
    case stop, length, abort
}
