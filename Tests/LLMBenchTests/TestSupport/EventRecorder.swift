import Synchronization

@testable import LLMBench

/// Keeps every event a run emits, for tests to assert on; `observe` is the runner's observer.
final class EventRecorder: Sendable {
    private let recorded = Mutex<[BenchmarkEvent]>([])

    /// The events so far, in order.
    var events: [BenchmarkEvent] { recorded.withLock { $0 } }

    /// The warnings so far, in order.
    var warnings: [BenchmarkWarning] {
        events.compactMap { if case .warning(let warning) = $0 { warning } else { nil } }
    }

    /// The warnings but those the machine's speed decides: streams that arrived all at once
    /// (a fast simulator's short streams do), the client's own lag and events read together (a
    /// loaded test machine's).
    var warningsBesideTimingOnes: [BenchmarkWarning] {
        warnings.filter {
            switch $0 {
            case .bufferedStreams, .clientLagged, .eventsReadTogether: false
            default: true
            }
        }
    }

    func observe(_ event: BenchmarkEvent) {
        recorded.withLock { $0.append(event) }
    }
}
