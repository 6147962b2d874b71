import ArgumentParser
import Foundation
import LLMBench

/// `llm-bench live DIR`: the shards' live snapshots (`--live-dir`) merged into one line a second.
struct LiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Show the shards of a run (each run with --live-dir DIR) merged, live, while they measure.",
        discussion: """
            Every second each shard writes what it measured of its current case into DIR; this reads them all \
            and prints one line: the case the furthest shards are at, their requests, output throughput and \
            TTFT, ITL and E2E percentiles from their HdrHistograms added together (two significant digits; \
            percentiles are never averaged), naming shards behind, not reporting, or gone quiet (unfinished and \
            not written for 10 s). It ends when every shard has finished or gone quiet. The final figures \
            come from the raw records: llm-bench merge.

            Exit codes: 0 every shard finished or went quiet (or --once); 2 bad usage or a folder that cannot be read.
            """
    )

    @Argument(help: "The folder the shards write their live snapshots into (their --live-dir).")
    var directory: String

    @Flag(help: "Print the view once and exit.")
    var once = false

    @Option(help: "Seconds between two lines.")
    var interval = 1.0

    func validate() throws {
        guard interval.isFinite, interval >= 0.1, interval <= 3_600 else {
            throw ValidationError("'--interval' is \(interval), but it must be a number of seconds from 0.1 to 3600.")
        }
    }

    func run() async throws {
        while true {
            let view: LiveView
            do {
                view = try LiveView.read(directory: directory)
            } catch {
                RunCommand.printError(error.description)
                throw ExitStatus.badConfig
            }
            FileHandle.standardOutput.write(Data("\(view)\n".utf8))
            if once || view.isFinished { return }
            try await Task.sleep(for: .seconds(interval))
        }
    }
}
