/// Why the shards of a run could not be merged.
public enum ShardMergeError: Error, Sendable, CustomStringConvertible {
    /// A run's files could not be read.
    case read(ResultsReadError)
    /// A file named a run that was not sharded (`--shard`).
    case notAShard(path: String)
    /// A file named the run of a shard killed before its end (its summary empty).
    case unfinishedShard(path: String)
    /// A shard's results hold a case its config has not.
    case caseNotInConfig(path: String, caseIndex: Int, cases: Int)
    /// Nothing among the paths was the run of a shard.
    case noShards(paths: [String])
    /// A shard's run has no requests file, which the merge makes its figures from.
    case noRequests(path: String)
    /// Two shards were of runs of different shard counts.
    case mixedCounts(first: String, firstCount: Int, other: String, otherCount: Int)
    /// Two runs are the same shard.
    case duplicateShard(index: Int, first: String, second: String)
    /// Two shards ran different configs.
    case configsDiffer(first: String, other: String, key: String)
    /// A shard's config could not be read back.
    case unreadableConfig(path: String, reason: String)
    /// Two shards' results of a case disagree on something all shards share.
    case casesDiffer(first: String, other: String, caseIndex: Int, step: Int, column: String)
    /// A case's start is not in a shard's summary (a summary written before shards were merged).
    case noCaseStart(path: String, caseIndex: Int, step: Int)
    /// The merged files could not be written.
    case output(OutputError)

    public var description: String {
        switch self {
        case .read(let error): error.description
        case .notAShard(let path):
            "\(path) is the run of one whole process, not of a shard (run with --shard I/N or in an Indexed Job): only shards are merged."
        case .unfinishedShard(let path):
            "\(path) is the run of a shard killed before its end (its summary is empty), so when its cases started is unknown and its records cannot be placed beside the others': leave it out to merge the other shards (it is then reported missing), or run that shard again."
        case .caseNotInConfig(let path, let caseIndex, let cases):
            "\(path) holds results of case \(caseIndex + 1), but the config in its summary has \(cases) case(s): the files are not of one run; merge the files the shards of one run wrote, unchanged."
        case .noShards(let paths):
            "no shard's run is in \(paths.joined(separator: ", ")): give the folders or summaries the shards wrote (run with --shard I/N)."
        case .noRequests(let path):
            "\(path) has no requests file beside it: the merge makes every figure from the shards' records, so copy each shard's _requests.jsonl along with its summary."
        case .mixedCounts(let first, let firstCount, let other, let otherCount):
            "\(first) is a shard of \(firstCount) but \(other) of \(otherCount): merge the shards of one run only."
        case .duplicateShard(let index, let first, let second):
            "\(first) and \(second) are both shard \(index): merge the shards of one run, each once (remove the other run's files or name the files)."
        case .configsDiffer(let first, let other, let key):
            "\(first) and \(other) ran different configs (\(key) differs): merge the shards of one run only."
        case .unreadableConfig(let path, let reason):
            "the config in \(path) cannot be read back: \(reason). Merge with the llm-bench version that ran the shards, whose summaries hold a config it reads."
        case .casesDiffer(let first, let other, let caseIndex, let step, let column):
            "\(first) and \(other) differ in \(column) of case \(caseIndex + 1) (step \(step)), which all shards of a run share: merge the shards of one run only."
        case .noCaseStart(let path, let caseIndex, let step):
            "\(path) does not say when case \(caseIndex + 1) (step \(step)) started (started_at_unix_ns): it was written by an older llm-bench; run the shards again with this one."
        case .output(let error): error.description
        }
    }
}
