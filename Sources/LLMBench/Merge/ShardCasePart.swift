/// One shard's part of a case: its results row, its start and its records of the case.
struct ShardCasePart {
    let shard: ShardRun
    let results: CaseResults
    let startedAtUnixNanoseconds: Int64
    /// The shard's records of the case, warm-up ones too, as it measured them.
    let records: [RequestRecord]

    init(shard: ShardRun, key: CaseResultsKey, results: CaseResults, startedAtUnixNanoseconds: Int64) {
        self.shard = shard
        self.results = results
        self.startedAtUnixNanoseconds = startedAtUnixNanoseconds
        records = shard.records.filter { $0.caseIndex == key.caseIndex && $0.step == key.step }
    }

    /// The shard's prompts as its results row states them.
    var promptFacts: PreparedPromptFacts? {
        PreparedPromptFacts(
            minimum: results.number("prompt_tokens_prepared_min").map { Int($0) },
            maximum: results.number("prompt_tokens_prepared_max").map { Int($0) },
            source: results.text("prompt_source") ?? ""
        )
    }

    /// Counted requests its results row holds that its requests file lacks (a line cut short, or
    /// lines lost when the shard was killed while writing).
    var lostRecords: Int {
        let counted = ["successful_requests", "failed_requests"].compactMap { results.number($0) }.reduce(0, +)
        return max(0, Int(counted) - records.count { !$0.isWarmup })
    }

    /// Its records moved onto the axis that begins at `origin`, its sessions numbered from
    /// `firstSession` so that no two shards' sessions share a number. Each send instant
    /// (`send_clock_ns`, the shard's own monotonic clock) becomes its real time by the shard's
    /// clock, one axis for every shard and case, which the report's timelines are drawn on.
    func movedRecords(origin: Int64, firstSession: Int) -> [RequestRecord] {
        let shift = UInt64(max(0, startedAtUnixNanoseconds - origin))
        let start = UInt64(max(0, startedAtUnixNanoseconds))
        return records.map { record in
            var moved = record
            moved.sendClockNanoseconds = start + record.sendOffsetNanoseconds
            moved.startOffsetNanoseconds += shift
            moved.sendOffsetNanoseconds += shift
            moved.endOffsetNanoseconds += shift
            moved.scheduledOffsetNanoseconds = record.scheduledOffsetNanoseconds.map { $0 + shift }
            moved.sessionPosition = record.sessionPosition.map {
                SessionPosition(session: $0.session + firstSession, turn: $0.turn)
            }
            return moved
        }
    }
}
