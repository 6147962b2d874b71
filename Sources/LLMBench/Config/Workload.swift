import Foundation
import LLMBenchSupport

/// Where a case's requests get their lengths and prompts.
public enum Workload: Sendable, Equatable, CustomStringConvertible {
    /// Lengths drawn per request (fixed lengths are the original request's cases).
    case lengths(input: LengthDistribution, output: LengthDistribution)
    /// These (input, output) pairs, in turn.
    case pairs([LengthPair])
    /// Prompts and output lengths from a dataset file.
    case dataset(path: String, format: DatasetFormat, maxRequests: Int?)
    /// A trace's requests, each with its lengths, replayed at the trace's timestamps.
    case trace(TraceSettings)
    /// Multi-turn sessions: each request one turn of a conversation.
    case sessions(SessionWorkload)

    /// The mean prompt length asked for (0 for a dataset or a trace, known only once it is read; a
    /// session's user message).
    var meanInputTokens: Double {
        switch self {
        case .lengths(let input, _): input.mean
        case .pairs(let pairs): Double(pairs.map(\.inputTokens).reduce(0, +)) / Double(max(1, pairs.count))
        case .dataset, .trace: 0
        case .sessions(let sessions): sessions.meanUserTokens
        }
    }

    /// The mean output length asked for (0 for a dataset or a trace).
    var meanOutputTokens: Double {
        switch self {
        case .lengths(_, let output): output.mean
        case .pairs(let pairs): Double(pairs.map(\.outputTokens).reduce(0, +)) / Double(max(1, pairs.count))
        case .dataset, .trace: 0
        case .sessions(let sessions): sessions.meanOutputTokens
        }
    }

    /// Whether every request asks for the same lengths.
    var isFixed: Bool {
        if case .lengths(.fixed, .fixed) = self { return true }
        return false
    }

    /// A short description for results (`workload` column).
    public var description: String {
        switch self {
        case .lengths(let input, let output): "\(input)/\(output)"
        case .pairs(let pairs): "pairs(\(pairs.count))"
        case .dataset(let path, let format, _): "\(format.rawValue):\((path as NSString).lastPathComponent)"
        case .trace(let trace):
            "trace-\(trace.format.rawValue):\((trace.path as NSString).lastPathComponent)"
                + (trace.speed == 1 ? "" : "@\(ConfigMapping.number(trace.speed))x")
        case .sessions(let sessions): sessions.description
        }
    }
}
