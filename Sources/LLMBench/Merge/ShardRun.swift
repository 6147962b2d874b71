import Foundation

/// One shard's run as read back for a merge: its summary, the share it sent, its records exactly
/// as measured, and the config it ran.
struct ShardRun {
    var run: RunResults
    var shard: ShardSelection
    /// Every request of the run, warm-up ones too, as `RequestRecord.scanning` reads them.
    var records: [RequestRecord]
    /// Lines cut short at the end of its requests file (a shard killed while writing one).
    var truncatedLines: Int
    var config: BenchmarkConfig

    /// The summary's path, which names the shard in messages.
    var path: String { run.files.summary }

    /// The shards' runs `paths` name (folders: every shard's run in them, other runs passed
    /// over; files: each must be a shard's), in shard order.
    static func load(paths: [String]) throws(ShardMergeError) -> [ShardRun] {
        var shards: [ShardRun] = []
        var seen: Set<String> = []
        for path in paths {
            let runs: [RunResults]
            do {
                runs = try RunResultsLoader.load(paths: [path])
            } catch {
                throw .read(error)
            }
            let isFolder =
                (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType)
                == .typeDirectory
            for run in runs where seen.insert((run.files.summary as NSString).standardizingPath).inserted {
                guard let shard = run.shard, !run.isUnfinished else {
                    if isFolder { continue }
                    throw run.isUnfinished
                        ? .unfinishedShard(path: run.files.summary) : .notAShard(path: run.files.summary)
                }
                shards.append(try ShardRun(run: run, shard: shard))
            }
        }
        guard !shards.isEmpty else { throw .noShards(paths: paths) }
        return shards.sorted { $0.shard.index < $1.shard.index }
    }

    private init(run: RunResults, shard: ShardSelection) throws(ShardMergeError) {
        guard let requests = run.files.requests else { throw .noRequests(path: run.files.summary) }
        do {
            (records, truncatedLines) = try RequestsFile.readRecords(requests)
        } catch {
            throw .read(error)
        }
        self.run = run
        self.shard = shard
        config = try Self.config(of: run)
    }

    /// The config the run's summary holds, read back as a config file would be (it is JSON, and
    /// so YAML); its secrets were redacted when the summary was written.
    private static func config(of run: RunResults) throws(ShardMergeError) -> BenchmarkConfig {
        let text: String
        do {
            text = String(decoding: try JSONEncoder().encode(run.config), as: UTF8.self)
        } catch {
            throw .unreadableConfig(path: run.files.summary, reason: "\(error)")
        }
        do {
            return try ConfigLoader.parse(yaml: text, file: run.configFile ?? run.files.summary)
        } catch {
            throw .unreadableConfig(path: run.files.summary, reason: error.description)
        }
    }
}
