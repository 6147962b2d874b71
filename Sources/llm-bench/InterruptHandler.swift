import Dispatch
import Foundation
import Synchronization

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

    /// Counts the signals received.
    private final class SignalCounter: Sendable {
        private let count = Mutex(0)

        func increment() -> Int {
            count.withLock { count in
                count += 1
                return count
            }
        }
    }
}
