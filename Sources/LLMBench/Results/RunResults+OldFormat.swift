extension RunResults {
    /// Gives the cases of a summary written before cases named their place (`case`, `step`) the
    /// places they ran at. A run without a sweep measured each case once, in config order, so
    /// row i is case i; a sweep's rows are placed by `placeCasesByRecords`.
    mutating func placeOldCases() throws(ResultsReadError) {
        let summary = files.summary
        let refuse = { (reason: String) in ResultsReadError.unmatchedOldRows(path: summary, reason: reason) }
        guard isSwept else {
            if let stray = records.first(where: { $0.step != 0 }) {
                throw refuse(
                    "request \(stray.requestID) ran at step \(stray.step), but the config as run did not sweep"
                )
            }
            if let stray = records.first(where: { $0.caseIndex >= cases.count }) {
                throw refuse(
                    "request \(stray.requestID) belongs to case \(stray.caseIndex), but it has \(cases.count) rows"
                )
            }
            return
        }
        guard files.requests != nil else {
            throw refuse("it swept its load and its requests file, which names the steps, is not beside it")
        }
        try placeCasesByRecords(refuse: refuse)
    }

    /// Matches the rows in order to the records' distinct (case, step) pairs, and only when each
    /// row's request count equals its pair's: otherwise the match is refused (by the error
    /// `refuse` makes of the reason) rather than guessed. All pairs have a row, except, in a
    /// run that did not finish, the last ones, which it never completed.
    mutating func placeCasesByRecords(refuse: (String) -> ResultsReadError) throws(ResultsReadError) {
        var pairs: [Place] = []
        var counts: [Place: Int] = [:]
        for record in records {
            let place = Place(caseIndex: record.caseIndex, step: record.step)
            if counts[place] == nil {
                pairs.append(place)
                counts[place] = 0
            }
            if !record.isWarmup { counts[place, default: 0] += 1 }
        }
        guard isUnfinished ? pairs.count >= cases.count : pairs.count == cases.count else {
            throw refuse("it has \(cases.count) rows but its requests ran at \(pairs.count) (case, step) pairs")
        }
        for (position, place) in pairs.prefix(cases.count).enumerated() {
            let row = cases[position]
            let requests = (row.number("successful_requests") ?? -1) + (row.number("failed_requests") ?? -1)
            guard requests == Double(counts[place] ?? 0) else {
                throw refuse(
                    "row \(position + 1) counts \(Int(requests)) requests, but case \(place.caseIndex) "
                        + "step \(place.step) has \(counts[place] ?? 0) in the requests file"
                )
            }
            cases[position].caseIndex = place.caseIndex
            cases[position].step = place.step
        }
    }

    /// Whether the config as run swept its load (`load.mode: sweep`).
    private var isSwept: Bool {
        guard case .object(let config) = config, case .object(let load)? = config["load"] else { return false }
        return load["mode"] == .string("sweep")
    }

    /// A (case, step) pair.
    private struct Place: Hashable {
        var caseIndex: Int
        var step: Int
    }
}
