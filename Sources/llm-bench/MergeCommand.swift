import ArgumentParser
import Foundation
import LLMBench

/// `llm-bench merge PATH…`: the shards of one run made into the run one process would have written.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the shards of one run (--shard I/N) into one run's results, exactly, from their raw records.",
        discussion: """
            Each path is a folder (every shard's run in it) or a shard's summary, results or requests file. The \
            merged results, requests, summary and report are made from the union of the shards' records by the \
            definitions one process uses: counts exact, percentiles of the union, throughput over the union's \
            wall time; the summary's `merge` keeps each shard's own figures and start beside them. Shards of \
            different configs or counts are refused; missing shards are reported.

            Exit codes: 0 merged, every shard there and every request succeeded; 1 merged, but some requests \
            failed, some shards are missing or a shard's requests file lacks requests its results count; 2 bad usage, or files that are not the shards of one run; 3 the \
            merged files cannot be written.
            """
    )

    @Argument(help: "Folders of the shards' runs, or their files.")
    var paths: [String] = []

    @Option(
        name: .customLong("output-dir"),
        help: "Write the merged run here (default: 'merged' beside the first shard)."
    )
    var outputDirectory: String?

    func validate() throws {
        guard !paths.isEmpty else {
            throw ValidationError("merge needs the folders or files of a run's shards, e.g. 'llm-bench merge results'.")
        }
    }

    func run() throws {
        let merge: ShardMerge
        do {
            merge = try ShardMerge(paths: paths)
        } catch {
            RunCommand.printError(error.description)
            throw ExitStatus.badConfig
        }
        let merged: MergedRun
        do {
            merged = try merge.write(outputDirectory: outputDirectory ?? merge.defaultOutputDirectory) { event in
                if case .warning(let warning) = event {
                    FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
                }
            }
        } catch {
            RunCommand.printError(error.description)
            throw ExitCode(BenchmarkExitStatus.couldNotRun.rawValue)
        }
        print(merge.consoleText(merged), terminator: "")
        let status = BenchmarkExitStatus(merged.report)
        if status != .success || !merge.missingShards.isEmpty || merged.lostRecords > 0 {
            throw ExitCode(max(status.rawValue, BenchmarkExitStatus.someRequestsFailed.rawValue))
        }
    }
}
