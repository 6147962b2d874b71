/// A problem preparing prompts, found before the benchmark sends its first timed request.
public enum PromptError: Error, Sendable, Equatable, CustomStringConvertible {
    case corpusMissing(path: String, searched: [String])
    case corpusUnreadable(path: String, reason: String)
    case corpusEmpty(path: String)
    /// The server failed a call that measuring prompt lengths needs (generation failures fall back
    /// to the corpus, so `prompt_source: corpus` would not avoid this one).
    case server(String)
    /// A dataset file is missing or malformed.
    case dataset(path: String, line: Int?, reason: String)
    /// The prompt cache file cannot be read or written.
    case cache(path: String, reason: String)
    /// A trace file is missing or malformed.
    case trace(TraceError)

    /// A sentence naming the file and what to do.
    public var description: String {
        switch self {
        case .corpusMissing(let path, let searched):
            "input file '\(path)' not found (looked in \(searched.joined(separator: " and "))). "
                + "Put an input.txt of prose in the working folder or set input_file in the config."
        case .corpusUnreadable(let path, let reason):
            "input file '\(path)' cannot be used: \(reason)."
        case .corpusEmpty(let path):
            "input file '\(path)' has no words. Fill it with prose (the default is Vietnamese text)."
        case .server(let message):
            "preparing prompts failed: \(message). Measuring prompt lengths needs these calls whatever prompt_source is: check that the server answers them."
        case .dataset(let path, let line, let reason):
            "dataset '\(path)'\(line.map { " line \($0)" } ?? ""): \(reason). Fix the file or the case's dataset path."
        case .cache(let path, let reason):
            "the prompt cache '\(path)' cannot be used: \(reason). Delete it or run with --regenerate."
        case .trace(let error):
            error.description
        }
    }
}
