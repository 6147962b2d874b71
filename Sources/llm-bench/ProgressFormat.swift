import ArgumentParser

/// How `run` shows its progress on stderr (`--progress`).
enum ProgressFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Lines for people: a live line on a terminal, plain lines otherwise.
    case console
    /// One JSON object per engine event (`{"event":"case_started",…}`), for scripts.
    case jsonl
}
