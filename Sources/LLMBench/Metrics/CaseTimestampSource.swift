/// The clock the arrival times of a case's streamed requests were read from: the one all of them
/// used, or `mixed` when some had kernel stamps and others not.
enum CaseTimestampSource: String, Sendable, Equatable {
    /// Kernel receive times, for every streamed request.
    case kernel
    /// User-space read times, for every streamed request: the figures include the client's own delay.
    case user
    /// Kernel times for some streamed requests, user-space times for others.
    case mixed

    /// The source of requests whose streams used `sources`; nil when none streamed.
    init?(_ sources: some Sequence<TimestampSource>) {
        var kinds = Set<TimestampSource>()
        for source in sources { kinds.insert(source) }
        switch (kinds.contains(.kernel), kinds.contains(.user)) {
        case (true, true): self = .mixed
        case (true, false): self = .kernel
        case (false, true): self = .user
        case (false, false): return nil
        }
    }
}
