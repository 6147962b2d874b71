import Foundation

/// A `sessions:` case: multi-turn conversations, each turn sending the whole history so far and a
/// new user message, the turns of one session one after another with a think time between them.
public struct SessionWorkload: Sendable, Equatable, CustomStringConvertible {
    /// Where the turns come from.
    public enum Source: Sendable, Equatable {
        /// Drawn: `turns` per session, `userTokens` per user message (exact in the server's
        /// tokens), `outputTokens` per answer, and optionally one system prompt of `systemTokens`
        /// shared by every session of the case.
        case synthetic(
            turns: LengthDistribution,
            userTokens: LengthDistribution,
            outputTokens: LengthDistribution,
            systemTokens: Int?
        )
        /// The conversations of a file, replayed turn by turn: user messages from the file, the
        /// earlier answers the server's own or, with `replayAnswers`, the file's. `outputTokens`
        /// is asked of a turn the file gives no length for.
        case conversations(
            path: String,
            format: DatasetFormat,
            replayAnswers: Bool,
            maxSessions: Int?,
            outputTokens: Int?
        )
    }

    /// Where the turns come from.
    public var source: Source
    /// The pause between an answer and the next turn.
    public var thinkTime: ThinkTime
    /// With `api: responses`: each turn after the first sends only its new user message and the
    /// previous answer's `previous_response_id`, so the server holds the conversation.
    public var chainsResponses = false

    /// Creates the workload.
    public init(source: Source, thinkTime: ThinkTime = .fixed(0)) {
        self.source = source
        self.thinkTime = thinkTime
    }

    /// Whether the answers in the history are the file's rather than the server's.
    var replaysAnswers: Bool {
        if case .conversations(_, _, let replay, _, _) = source { return replay }
        return false
    }

    /// The mean user message asked for (0 for a file, known only once it is read).
    var meanUserTokens: Double {
        if case .synthetic(_, let user, _, _) = source { return user.mean }
        return 0
    }

    /// The mean answer length asked for (0 for a file).
    var meanOutputTokens: Double {
        if case .synthetic(_, _, let output, _) = source { return output.mean }
        return 0
    }

    /// e.g. `sessions(5x128/256, think 2s)` or `sessions:sharegpt:chats.json`.
    public var description: String {
        switch source {
        case .synthetic(let turns, let user, let output, let system):
            let prefix = system.map { "system \($0), " } ?? ""
            return
                "sessions(\(prefix)\(turns)x\(user)/\(output), think \(thinkTime)\(chainsResponses ? ", chained" : ""))"
        case .conversations(let path, let format, let replay, _, _):
            let name = (path as NSString).lastPathComponent
            return "sessions:\(format.rawValue):\(name)\(replay ? " (answers replayed)" : "")"
        }
    }
}
