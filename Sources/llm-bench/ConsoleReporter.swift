import Foundation
import LLMBench
import Logging
import Synchronization

/// Shows the benchmark to a person: every event of the engine rendered on the console (progress
/// on stderr, figures on stdout) and logged at debug with its metadata, all of it redacted.
final class ConsoleReporter: Sendable {
    private let renderer: Mutex<ConsoleRenderer>
    private let redaction: SecretRedaction
    private let logger: Logger

    /// A reporter; without a style it draws a live line when stderr is a terminal.
    init(style: ConsoleRenderer.Style? = nil, redaction: SecretRedaction, logger: Logger) {
        renderer = Mutex(ConsoleRenderer(style: style ?? (isatty(STDERR_FILENO) == 1 ? .terminal : .plain)))
        self.redaction = redaction
        self.logger = logger
    }

    /// Takes one event of the engine; the runner's observer.
    func observe(_ event: BenchmarkEvent) {
        logger.log(event, redaction: redaction)
        renderer.withLock { renderer in write(renderer.render(event)) }
    }

    /// A diagnostic line of the command line's own.
    func info(_ message: String) {
        renderer.withLock { renderer in write(renderer.info(message)) }
    }

    /// Prints the table of all cases and where the files are.
    func finished(_ report: BenchmarkReport) {
        renderer.withLock { renderer in write(renderer.finished(report)) }
    }

    private func write(_ outputs: [ConsoleRenderer.Output]) {
        for output in outputs {
            let handle = output.stream == .standardOutput ? FileHandle.standardOutput : FileHandle.standardError
            handle.write(Data(redaction.apply(output.text).utf8))
        }
    }
}
