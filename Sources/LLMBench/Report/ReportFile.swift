import Foundation

/// Writes the HTML report of runs read back from their files, so every figure it shows is one the
/// files hold: after a run (from its own summary) and for `llm-bench report`.
public enum ReportFile {
    /// Why a report could not be made: its runs could not be read, or the file not written.
    public enum Failure: Error, CustomStringConvertible {
        case read(ResultsReadError)
        /// The file the run created.
        case write(OutputError)
        /// The file the command line named.
        case writeNamed(NamedFileError)

        public var description: String {
            switch self {
            case .read(let error): error.description
            case .write(let error): error.description
            case .writeNamed(let error): error.description
            }
        }
    }

    /// The report of the run whose summary is at `summary`, into `file` (created by the run).
    static func write(to file: AppendingFile, fromSummary summary: String) throws(Failure) {
        let runs: [RunResults]
        do { runs = try RunResultsLoader.load(paths: [summary]) } catch { throw .read(error) }
        do {
            try file.append(lines: HTMLReport(runs: runs).render())
            file.closeFile()
        } catch {
            throw .write(error)
        }
    }

    /// The report of `runs` written to `output` (replaced if it exists).
    public static func write(_ runs: [RunResults], to output: String, options: ReportOptions = .init())
        throws(Failure)
    {
        let html = HTMLReport(runs: runs, options: options).render()
        do {
            try NamedFileError.write(Array(html.utf8), to: output, what: "the report")
        } catch {
            throw .writeNamed(error)
        }
    }
}
