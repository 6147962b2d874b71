import Foundation
import Synchronization

extension Array where Element == Process {
    /// Starts every process, then waits until all have exited, without holding a thread of the
    /// cooperative pool (a blocked thread there stalls every other test's requests).
    func runUntilAllExit() async throws {
        let remaining = Mutex(count)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            guard !isEmpty else { return continuation.resume() }
            for process in self {
                process.terminationHandler = { _ in
                    if remaining.withLock({ count in
                        count -= 1
                        return count == 0
                    }) {
                        continuation.resume()
                    }
                }
            }
            do {
                try forEach { try $0.run() }
            } catch {
                forEach { $0.terminationHandler = nil }
                continuation.resume(throwing: error)
            }
        }
    }
}
