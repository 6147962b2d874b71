import Dispatch
import Foundation

/// Calls `onSignal` with a running count each time SIGINT or SIGTERM arrives, while installed.
final class InterruptHandler {
    private let sources: [any DispatchSourceSignal]

    init(onSignal: @escaping @Sendable (Int) -> Void) {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let queue = DispatchQueue(label: "llm-bench.signals")
        let counter = SignalCounter()
        sources = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { onSignal(counter.increment()) }
            source.resume()
            return source
        }
    }

    /// Stops listening and restores the default handlers.
    func remove() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    /// Counts signals; only touched on the handler's serial queue.
    private final class SignalCounter: @unchecked Sendable {
        private var count = 0

        func increment() -> Int {
            count += 1
            return count
        }
    }
}
