import ArgumentParser
import Foundation
import LLMBench

/// `llm-bench compare BASELINE CANDIDATE…`: per matched case, each figure of the candidates
/// against the baseline's, with a significance test and a verdict; optionally a regression gate.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract:
            "Compare runs: per case each figure's change, a significance test and a verdict; gate on regressions.",
        discussion: """
            Each argument is one side: a run's summary, results or requests file, or a folder whose runs are \
            pooled. The first is the baseline; each further one is a candidate compared with it. Cases match by \
            input_tokens, output_tokens, workload and load point (sweep steps step by step); the others are listed.

            --fail-on METRIC OP VALUE, repeatable, OP one of >, <, >=, <=: a plain number bounds the candidate's \
            value, +N or -N the change in the metric's unit, +N% or -N% the relative change; e.g. \
            'ttft_p99_ms>+10%', 'output_throughput_tps<-5%', 'e2e_p50_ms>+50', 'failed_requests_pct>1'. A change \
            counts only when it is significant, unless --strict.

            Exit codes: 0 compared (and the gate, if any, passed); 2 bad usage, a bad --fail-on expression or \
            result files that cannot be read; 3 the --output or --report file cannot be written; 4 the gate was \
            crossed, or could not check a case: a gated figure one side lacks, an expression that applies to no \
            case, no case matched. Without --fail-on, cases that do not match are listed and the exit is 0.
            """
    )

    @Argument(help: "The baseline, then one or more candidates: result files or folders of runs.")
    var sides: [String] = []

    @Option(help: "Output: console (aligned tables), markdown (a pull-request comment) or json.")
    var format: ComparisonReport.Format = .console

    @Option(name: .shortAndLong, help: "Write the comparison to this file instead of stdout.")
    var output: String?

    @Option(
        name: .customLong("fail-on"),
        help: "Fail (exit 4) when METRIC OP VALUE holds in a matched case, e.g. 'ttft_p99_ms>+10%'; repeatable."
    )
    var failOn: [String] = []

    @Flag(help: "Count a --fail-on change even when it is not significant.")
    var strict = false

    @Option(parsing: .unconditional, help: "Significance level, above 0 and at most 0.5 (intervals are 1 - alpha).")
    var alpha = 0.05

    @Option(parsing: .unconditional, help: "Seed of the bootstrap's resampling, 0 or more; the output states it.")
    var seed = 1

    @Option(parsing: .unconditional, help: "Bootstrap resamples per metric and case, 100 to 100000.")
    var resamples = 2_000

    @Option(help: "Also write the HTML report of every side's runs overlaid to this file.")
    var report: String?

    func validate() throws {
        guard sides.count >= 2 else {
            throw ValidationError(
                "compare needs a baseline and at least one candidate (result files or folders of runs), e.g. "
                    + "'llm-bench compare results/before results/after'."
            )
        }
        guard alpha > 0, alpha <= 0.5 else {
            throw ValidationError("'--alpha' is \(alpha), but it must be above 0 and at most 0.5 (e.g. 0.05).")
        }
        guard seed >= 0 else {
            throw ValidationError("'--seed' is \(seed), but it must be a whole number of 0 or more.")
        }
        guard (100...100_000).contains(resamples) else {
            throw ValidationError("'--resamples' is \(resamples), but it must be between 100 and 100000.")
        }
        _ = try gate()
    }

    /// The gate of the `--fail-on` expressions; a bad one is a usage error that names it.
    private func gate() throws -> RegressionGate {
        var expressions: [GateExpression] = []
        for text in failOn {
            do {
                expressions.append(try GateExpression(parsing: text))
            } catch {
                throw ValidationError("'--fail-on': \(error.description)")
            }
        }
        return RegressionGate(expressions: expressions, isStrict: strict)
    }

    func run() throws {
        let options = ComparisonOptions(alpha: alpha, seed: UInt64(seed), bootstrapResamples: resamples)
        let runs = try sides.map(Self.load)
        let comparisons = runs.indices.dropFirst().map { index in
            RunComparison(
                baseline: runs[0],
                candidate: runs[index],
                baselineName: sides[0],
                candidateName: sides[index],
                options: options
            )
        }
        if let report {
            do {
                try ReportFile.write(runs.flatMap { $0 }, to: report)
            } catch {
                RunCommand.printError(error.description)
                throw ExitCode(BenchmarkExitStatus.couldNotRun.rawValue)
            }
        }
        let comparison = ComparisonReport(comparisons: comparisons, gate: try gate())
        let text = comparison.render(format)
        if let output {
            do {
                try NamedFileError.write(Array(text.utf8), to: output, what: "the comparison")
            } catch {
                RunCommand.printError(error.description)
                throw ExitCode(BenchmarkExitStatus.couldNotRun.rawValue)
            }
            if let outcome = comparison.outcome { RunCommand.printNote(outcome.lines.joined(separator: "\n")) }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        if comparison.outcome?.isFailed == true { throw ExitStatus.gateFailed }
    }

    /// The runs of one side; exits 2 naming the file when they cannot be read.
    private static func load(_ side: String) throws -> [RunResults] {
        do {
            return try RunResultsLoader.load(paths: [side])
        } catch {
            RunCommand.printError(error.description)
            throw ExitStatus.badConfig
        }
    }
}

extension ComparisonReport.Format: ExpressibleByArgument {}
