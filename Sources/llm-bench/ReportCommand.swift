import ArgumentParser
import Foundation
import LLMBench

/// `llm-bench report PATH…`: the one-file HTML report of runs, built from their result files.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Build the one-file HTML report of one run, a sweep, or several runs overlaid, from their files.",
        discussion: """
            Each path is a run's summary, results or requests file, or a folder: every run in it. One run's \
            report goes beside its files ({stem}_report.html, replacing the one the run wrote) unless -o names \
            another file; several runs need -o. The page needs no network: it opens from disk, a mail or a CI \
            artifact.

            Exit codes: 0 written; 2 bad usage or result files that cannot be read; 3 the report cannot be written.
            """
    )

    @Argument(help: "Result files or folders of runs.")
    var paths: [String] = []

    @Option(name: .shortAndLong, help: "The HTML file to write.")
    var output: String?

    @Option(help: "The page's title (default: named after the runs).")
    var title: String?

    func validate() throws {
        guard !paths.isEmpty else {
            throw ValidationError(
                "report needs the result files or folders of at least one run, e.g. 'llm-bench report results'."
            )
        }
    }

    func run() throws {
        let runs: [RunResults]
        do {
            runs = try RunResultsLoader.load(paths: paths)
        } catch {
            RunCommand.printError(error.description)
            throw ExitStatus.badConfig
        }
        guard let output = output ?? (runs.count == 1 ? runs[0].files.stem + "_report.html" : nil) else {
            RunCommand.printError(
                "\(runs.count) runs were found in \(paths.joined(separator: ", ")); name the file of their overlaid report with -o, e.g. '-o report.html'."
            )
            throw ExitStatus.badConfig
        }
        do {
            try ReportFile.write(runs, to: output, options: ReportOptions(title: title))
        } catch {
            RunCommand.printError(error.description)
            throw ExitCode(BenchmarkExitStatus.couldNotRun.rawValue)
        }
        let count = runs.count == 1 ? "1 run" : "\(runs.count) runs"
        print("Report:   \(output) (\(count))")
    }
}
