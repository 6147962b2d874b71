import Foundation
import LLMBench
import LLMBenchSupport
import Logging
import Synchronization

/// Shows the benchmark to a person: every event of the engine rendered on the console (progress
/// on stderr, figures on stdout) and logged at debug with its metadata, all of it redacted.
final class ConsoleReporter: Sendable {
    private let renderer: Mutex<ConsoleRenderer>
    private let progress: ProgressFormat
    private let redaction: SecretRedaction
    private let logger: Logger

    /// A reporter; without a style it draws a live line when stderr is a terminal. With `.jsonl`
    /// progress, stderr gets one JSON object per event instead of lines for people.
    init(
        style: ConsoleRenderer.Style? = nil,
        progress: ProgressFormat = .console,
        redaction: SecretRedaction,
        logger: Logger
    ) {
        let style = progress == .jsonl ? .plain : style ?? (isatty(STDERR_FILENO) == 1 ? .terminal : .plain)
        renderer = Mutex(ConsoleRenderer(style: style))
        self.progress = progress
        self.redaction = redaction
        self.logger = logger
    }

    /// Takes one event of the engine; the runner's observer.
    func observe(_ event: BenchmarkEvent) {
        logger.log(event, redaction: redaction)
        if progress == .jsonl {
            FileHandle.standardError.write(Data((event.jsonLine(redaction: redaction) + "\n").utf8))
        }
        renderer.withLock { renderer in write(renderer.render(event)) }
    }

    /// A diagnostic line of the command line's own.
    func info(_ message: String) {
        guard progress == .console else {
            let line = #"{"event":"info","message":"# + JSONString.quoted(redaction.apply(message)) + "}\n"
            FileHandle.standardError.write(Data(line.utf8))
            return
        }
        renderer.withLock { renderer in write(renderer.info(message)) }
    }

    /// Prints the table of all cases and where the files are.
    func finished(_ report: BenchmarkReport) {
        renderer.withLock { renderer in write(renderer.finished(report)) }
    }

    private func write(_ outputs: [ConsoleRenderer.Output]) {
        for output in outputs where progress == .console || output.stream == .standardOutput {
            let handle = output.stream == .standardOutput ? FileHandle.standardOutput : FileHandle.standardError
            handle.write(Data(redaction.apply(output.text).utf8))
        }
    }
}
