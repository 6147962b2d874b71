/// One benchmark run as read back from its files: the summary's identity, configuration and
/// per-case figures, and the raw per-request records. The report and `compare` read runs only
/// through this, so what they show is what the files hold.
public struct RunResults: Sendable {
    /// The run's id (six characters, part of every file name and request id).
    public var runID: String
    /// `llm-bench` and its version, as the summary states them.
    public var tool: String
    public var version: String
    /// UTC start and end as the summary writes them (`2026-12-01T22:11:17Z`).
    public var startedAt: String
    public var finishedAt: String
    public var seed: UInt64?
    /// The config file the run was started with, as given.
    public var configFile: String?
    /// The config as run, secrets already redacted by the run that wrote it.
    public var config: JSONValue
    /// The metric definitions the summary states, by name.
    public var definitions: [String: String]
    /// The figures of every case, or of every step of a swept case, in the order they ran.
    public var cases: [CaseResults]
    /// The sweeps' outcomes, one per swept case.
    public var sweeps: [SweepResults]
    /// Whether the run was stopped by Ctrl-C or SIGTERM before its end.
    public var wasInterrupted: Bool
    /// The files it was read from.
    public var files: RunFiles
    /// Every request of the run (warm-up ones too, marked), in the order of the requests file.
    var records: [RecordSample]
    /// The server's metrics over the run that the report charts (`_server_metrics.jsonl`), in
    /// the file's order; empty when the run scraped none.
    var serverSeries: [ServerSeriesSample] = []
    /// Lines cut short at the end of the requests file (a run killed while writing one), which
    /// `records` leaves out: a caller says so to the user.
    public var truncatedRecordLines = 0
    /// The run was killed before its end and left an empty summary: its cases are the rows of
    /// its results file, its config, seed, definitions and end are unknown.
    public var isUnfinished = false
    /// The share of a sharded run's load this run sent (the summary's `shard`); nil for a whole run.
    public var shard: ShardSelection? = nil
}

/// The paths of a run's files, as found on disk.
public struct RunFiles: Sendable, Equatable {
    public var summary: String
    /// The per-case results (`.csv` or `.jsonl`).
    public var results: String?
    /// The per-request records (`_requests.jsonl`).
    public var requests: String?
    /// The server's metrics scraped during the run (`_server_metrics.jsonl`).
    public var serverMetrics: String? = nil
    /// `{output_dir}/{prefix}_{stamp}_{run id}`, which every file of the run begins with.
    public var stem: String
}

/// One case (or one step of a swept case) as the summary holds it.
public struct CaseResults: Sendable {
    /// The case's position in the config, from 0.
    public var caseIndex: Int
    /// The load point's position within the case (0 unless swept), from 0.
    public var step: Int
    /// Every column of the case's results row, by column name (`ttft_p99_ms`, `load_mode`, …).
    public var columns: [String: JSONValue]
    /// When the case started, nanoseconds since 1970 by the run's clock; nil in older summaries.
    public var startedAtUnixNanoseconds: Int64? = nil
    /// How a shard's start of the case met the other shards' (`shard_start`), as the summary holds it.
    var shardStart: JSONValue? = nil

    /// The column `name` as a number; nil when missing, null or not a number.
    public func number(_ name: String) -> Double? {
        switch columns[name] {
        case .integer(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }

    /// The column `name` as text; nil when missing or not text.
    public func text(_ name: String) -> String? {
        if case .string(let value) = columns[name] { return value }
        return nil
    }

    /// A multi-turn case's figures per turn index, as the summary's `turns` hold them; empty for a
    /// case of single requests (and for a summary written before turns were kept).
    public var turns: [(turn: Int, results: CaseResults)] {
        guard case .array(let items) = columns["turns"] else { return [] }
        return items.compactMap { item in
            guard case .object(var turnColumns) = item, case .integer(let turn) = turnColumns["turn"] else {
                return nil
            }
            turnColumns["case"] = nil
            turnColumns["step"] = nil
            return (turn, CaseResults(caseIndex: caseIndex, step: step, columns: turnColumns))
        }
    }
}

/// A sweep's outcome, as the summary holds it.
public struct SweepResults: Sendable {
    public var caseIndex: Int
    /// The concurrency of each step, in the order they ran.
    public var steps: [Int]
    public var isSaturated: Bool
    /// The highest concurrency that met the SLOs, if any did.
    public var bestConcurrency: Int?
}
