/// A session between its turns: the script it follows, the turn it sends next and the history
/// that turn carries.
struct SessionProgress: Sendable {
    let script: SessionScript
    /// 0-based session number within the case and load point, in start order (warm-up included).
    let number: Int
    /// 1-based run (a wave; 1 in the other modes).
    let run: Int
    /// 0-based index within the run.
    let index: Int
    /// A warm-up session: its turns are recorded but not counted.
    let isWarmup: Bool
    /// When the load model meant the session to start (rate mode): its first turn's schedule.
    let scheduledNanoseconds: UInt64?
    /// The 1-based turn sent next; past the last once the session is over.
    var nextTurn = 1
    /// The messages the next turn sends before its own.
    var history: SessionHistory
    /// The last turn's prompt tokens, as the server reported them (else as expected).
    var previousPromptTokens = 0
    /// The last answer's response id (`api: responses`), which a chained next turn names.
    var previousResponseID: String?
    /// The last turn's answer tokens: the server's count (else the token events), or the replayed
    /// answer's measured length.
    var previousAnswerTokens = 0

    /// A session at its start.
    init(script: SessionScript, number: Int, run: Int, index: Int, isWarmup: Bool, scheduledNanoseconds: UInt64?) {
        self.script = script
        self.number = number
        self.run = run
        self.index = index
        self.isWarmup = isWarmup
        self.scheduledNanoseconds = scheduledNanoseconds
        history = SessionHistory(system: script.system?.text)
    }

    /// Whether no turn is left to send.
    var isOver: Bool { nextTurn > script.turns.count }
}
