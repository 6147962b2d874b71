import NIOCore
import Synchronization

/// The responses kept for a later `previous_response_id`: per response id, the tokens of its
/// conversation (earlier turns, its input without instructions, its output). Bounded: past
/// `capacity` the oldest is forgotten, and a turn naming it is refused as OpenAI refuses an
/// unknown id.
final class ResponseStore: Sendable {
    private struct Entries {
        var tokens: [String: Int] = [:]
        var order: CircularBuffer<String> = []
    }

    /// The most responses kept.
    let capacity: Int
    private let entries = Mutex(Entries())

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Keeps the conversation of response `id`: `tokens` tokens.
    func save(id: String, tokens: Int) {
        entries.withLock { entries in
            if entries.tokens.updateValue(tokens, forKey: id) == nil { entries.order.append(id) }
            while entries.order.count > capacity, let oldest = entries.order.popFirst() {
                entries.tokens[oldest] = nil
            }
        }
    }

    /// The conversation tokens of response `id`; nil when it was never stored or is forgotten.
    func tokens(of id: String) -> Int? {
        entries.withLock { $0.tokens[id] }
    }
}
